/* lang: per-language conventions from our own tables. See lang.h.
 *
 * Sources: CLDR's number symbols and month names for en, az, ru and ar (Russian
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
      "%s segment labels too small to print are left out; values are in the data."}},
    {"az", "\u00a0", ",", false,
     {"yanvar", "fevral", "mart", "aprel", "may", "iyun", "iyul", "avqust", "sentyabr",
      "oktyabr", "noyabr", "dekabr"},
     {NULL},
     "",
     {"Mənbə: %s", "1 işarə = %s %s",
      "Natamam işarələr miqyasa uyğundur: yarım işarə %s %s sayının yarısıdır.",
      "Çap üçün çox kiçik olan 1 seqmentin yazısı göstərilmir; qiymətlər məlumatdadır.",
      "Çap üçün çox kiçik olan %s seqmentin yazısı göstərilmir; qiymətlər məlumatdadır."}},
    {"ru", "\u00a0", ",", true,
     {"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
      "октября", "ноября", "декабря"},
     {"январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь",
      "октябрь", "ноябрь", "декабрь"},
     "\u00a0г.",
     {"Источник: %s", "1 значок = %s %s",
      "Неполные значки даны в масштабе: половина значка — половина от %s %s.",
      "Подпись 1 слишком малого сегмента не показана; значения есть в данных.",
      "Подписи слишком малых сегментов (%s) не показаны; значения есть в данных."}},
    {"ar", ",", ".", false,
     {"يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر",
      "أكتوبر", "نوفمبر", "ديسمبر"},
     {NULL},
     "",
     {"المصدر: %s", "رمز واحد = %s %s",
      "الرموز الجزئية بمقياس الرسم: نصف الرمز يمثل نصف %s %s.",
      "حُذفت تسمية مقطع واحد صغير جدًا؛ القيم موجودة في البيانات.",
      "حُذفت تسميات %s مقاطع صغيرة جدًا؛ القيم موجودة في البيانات."}},
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
