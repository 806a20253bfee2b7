/* lang: per-language conventions from our own tables. See lang.h.
 *
 * Sources: CLDR's number symbols and month names (wide and abbreviated, with
 * its yMMM and yMMMd patterns, less Russian's "г.") for en, az, ru and ar (Russian
 * uses the genitive month after a day and the nominative standing alone; it
 * groups thousands with a no-break space and writes "45 %"). The tables are
 * ours, so the output never depends on which locales a machine has. */
#include "lang.h"

#include <glib.h>
#include <string.h>

typedef struct lang_info {
    const char *tag;
    const char *group, *decimal;
    bool percent_space;
    const char *months[12];      /* after a day */
    const char *months_alone[12]; /* month and year without a day */
    const char *year_suffix;     /* " г." in Russian, else "" */
    const char *str[FS_STR_COUNT_];
    const char *months_short[12];       /* abbreviated, after a day */
    const char *months_short_alone[12]; /* abbreviated, without a day */
    bool month_first;                   /* "Jan 5, 2023", else "5 Jan 2023" */
} lang_info;

static const lang_info langs[] = {
    {"en", ",", ".", false,
     {"January", "February", "March", "April", "May", "June", "July", "August", "September",
      "October", "November", "December"},
     {NULL},
     "",
     {"Source: %s", "1 icon = %s %s",
      "Part icons are cut to scale: half an icon stands for half of %s %s.",
      "1 segment label too small to print is left out; values are in the data.",
      "%s segment labels too small to print are left out; values are in the data.",
      "1 value label that would overlap another is left out; values are in the data.",
      "%s value labels that would overlap others are left out; values are in the data.",
      "no data",
      "%s of %s rows shown; the PDF has them all."},
     {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"},
     {NULL},
     true},
    {"az", "\u00a0", ",", false,
     {"yanvar", "fevral", "mart", "aprel", "may", "iyun", "iyul", "avqust", "sentyabr",
      "oktyabr", "noyabr", "dekabr"},
     {NULL},
     "",
     {"Mənbə: %s", "1 işarə = %s %s",
      "Natamam işarələr miqyasa uyğundur: yarım işarə %s %s sayının yarısıdır.",
      "Çap üçün çox kiçik olan 1 seqmentin yazısı göstərilmir; qiymətlər məlumatdadır.",
      "Çap üçün çox kiçik olan %s seqmentin yazısı göstərilmir; qiymətlər məlumatdadır.",
      "Başqası ilə üst-üstə düşəcək 1 qiymət yazısı göstərilmir; qiymətlər məlumatdadır.",
      "Başqaları ilə üst-üstə düşəcək %s qiymət yazısı göstərilmir; qiymətlər "
      "məlumatdadır.",
      "məlumat yoxdur",
      "Göstərilən sətirlər: %s / %s; hamısı PDF-dədir."},
     {"yan", "fev", "mar", "apr", "may", "iyn", "iyl", "avq", "sen", "okt", "noy", "dek"},
     {NULL},
     false},
    {"ru", "\u00a0", ",", true,
     {"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
      "октября", "ноября", "декабря"},
     {"январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь",
      "октябрь", "ноябрь", "декабрь"},
     "\u00a0г.",
     {"Источник: %s", "1 значок = %s %s",
      "Неполные значки даны в масштабе: половина значка — половина от %s %s.",
      "Подпись 1 слишком малого сегмента не показана; значения есть в данных.",
      "Подписи слишком малых сегментов (%s) не показаны; значения есть в данных.",
      "1 подпись значения, которая перекрыла бы другую, не показана; значения есть в данных.",
      "Подписи значений, которые перекрыли бы другие (%s), не показаны; значения есть в "
      "данных.",
      "нет данных",
      "Показано строк: %s из %s; все они есть в PDF."},
     {"янв.", "февр.", "мар.", "апр.", "мая", "июн.", "июл.", "авг.", "сент.", "окт.", "нояб.",
      "дек."},
     {"янв.", "февр.", "март", "апр.", "май", "июнь", "июль", "авг.", "сент.", "окт.", "нояб.",
      "дек."},
     false},
    {"ar", ",", ".", false,
     {"يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر",
      "أكتوبر", "نوفمبر", "ديسمبر"},
     {NULL},
     "",
     {"المصدر: %s", "رمز واحد = %s %s",
      "الرموز الجزئية بمقياس الرسم: نصف الرمز يمثل نصف %s %s.",
      "حُذفت تسمية مقطع واحد صغير جدًا؛ القيم موجودة في البيانات.",
      "حُذفت تسميات %s مقاطع صغيرة جدًا؛ القيم موجودة في البيانات.",
      "حُذفت تسمية قيمة واحدة كانت ستتداخل مع غيرها؛ القيم موجودة في البيانات.",
      "حُذفت %s تسميات قيم كانت ستتداخل مع غيرها؛ القيم موجودة في البيانات.",
      "لا توجد بيانات",
      "عُرض %s من %s صفًا؛ ملف PDF يضمها كلها."},
     {"يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر",
      "نوفمبر", "ديسمبر"},
     {NULL},
     false},
};

/* The table entry of a tag: "ru", "ru_RU", "ru-RU" all find ru. */
static const lang_info *find(const char *lang)
{
    if (lang && *lang) {
        size_t n = strcspn(lang, "_-@.");
        for (size_t i = 0; i < G_N_ELEMENTS(langs); i++)
            if (strlen(langs[i].tag) == n && g_ascii_strncasecmp(lang, langs[i].tag, n) == 0)
                return &langs[i];
    }
    return &langs[0];
}

void fs_lang_numfmt(const char *lang, fs_numfmt *out)
{
    const lang_info *l = find(lang);
    g_strlcpy(out->group, l->group, sizeof out->group);
    g_strlcpy(out->decimal, l->decimal, sizeof out->decimal);
}

char *fs_lang_percent(const char *lang, const char *num)
{
    return g_strdup_printf(find(lang)->percent_space ? "%s\u00a0%%" : "%s%%", num);
}

char *fs_lang_date(const char *lang, int year, int month, int day)
{
    const lang_info *l = find(lang);
    if (month < 1 || month > 12)
        return g_strdup_printf("%d%s", year, l->year_suffix);
    if (day == 0) {
        const char *m = l->months_alone[0] ? l->months_alone[month - 1] : l->months[month - 1];
        return g_strdup_printf("%s %d%s", m, year, l->year_suffix);
    }
    return g_strdup_printf("%d %s %d%s", day, l->months[month - 1], year, l->year_suffix);
}

char *fs_lang_date_short(const char *lang, int year, int month, int day, bool with_year)
{
    const lang_info *l = find(lang);
    month = CLAMP(month, 1, 12);
    if (day == 0) {
        const char *m = l->months_short_alone[0] ? l->months_short_alone[month - 1]
                                                 : l->months_short[month - 1];
        return with_year ? g_strdup_printf("%s %d", m, year) : g_strdup(m);
    }
    const char *m = l->months_short[month - 1];
    if (l->month_first)
        return with_year ? g_strdup_printf("%s %d, %d", m, day, year)
                         : g_strdup_printf("%s %d", m, day);
    return with_year ? g_strdup_printf("%d %s %d", day, m, year) : g_strdup_printf("%d %s", day, m);
}

bool fs_lang_is_rtl(const char *lang)
{
    static const char *const rtl[] = {"ar", "fa", "he", "ur", "ps", "sd", "yi", "dv", "ug", "ckb"};
    if (!lang)
        return false;
    size_t n = strcspn(lang, "_-@.");
    for (size_t i = 0; i < G_N_ELEMENTS(rtl); i++)
        if (strlen(rtl[i]) == n && g_ascii_strncasecmp(lang, rtl[i], n) == 0)
            return true;
    return false;
}

char *fs_lang_text(const char *lang, fs_str s, const char *a, const char *b)
{
    const char *args[2] = {a ? a : "", b ? b : ""};
    int next = 0;
    GString *out = g_string_new(NULL);
    for (const char *p = find(lang)->str[s]; *p; p++) {
        if (p[0] == '%' && p[1] == 's') {
            g_string_append(out, args[next < 2 ? next : 1]);
            next++;
            p++;
        } else {
            g_string_append_c(out, *p);
        }
    }
    return g_string_free(out, FALSE);
}

const char *fs_lang_prefix(const char *lang, fs_str s, size_t *len)
{
    const char *t = find(lang)->str[s];
    *len = strcspn(t, "%");
    return t;
}

/* ---- compact numbers ------------------------------------------------------
 * The words after a number scaled by thousands (numchoice.h), CLDR's short
 * forms: en "12.4k", "3.1M", "648 bn", "2.1 tn"; the spaces are no-break
 * spaces, so a label never breaks inside. Kept apart from lang_info so the
 * tables stay easy to merge. */
static const struct {
    const char *tag;
    const char *word[4]; /* thousand, million, billion, trillion */
} compact_words[] = {
    {"en", {"k", "M", "\u00a0bn", "\u00a0tn"}},
    {"az", {"\u00a0min", "\u00a0mln", "\u00a0mlrd", "\u00a0trln"}},
    {"ru", {"\u00a0тыс.", "\u00a0млн", "\u00a0млрд", "\u00a0трлн"}},
    {"ar", {"\u00a0ألف", "\u00a0مليون", "\u00a0مليار", "\u00a0تريليون"}},
};

const char *fs_lang_compact(const char *lang, int scale)
{
    if (scale < 1 || scale > 4)
        return "";
    const char *tag = find(lang)->tag;
    for (size_t i = 0; i < G_N_ELEMENTS(compact_words); i++)
        if (strcmp(compact_words[i].tag, tag) == 0)
            return compact_words[i].word[scale - 1];
    return compact_words[0].word[scale - 1];
}
