#!/usr/bin/env bash
# Text extraction of the PDF in every script: each label, title and value
# comes out whole and in logical order.
# Usage, from the repository root:
#
#   bash tests/pdftext.sh build/factsheet
#
# For Arabic, Armenian, Russian, Azerbaijani and an emoji-bearing set, it
# draws every chart layout with `factsheet chart` (horizontal and vertical
# bars, grouped bars both ways, line, area) and one report with every panel
# type, then looks for each string it wrote into the data in the text of the
# PDF. Two extractors judge, and each string must be found by both:
#
# - poppler's pdftotext (what Evince's copy and search use). Its output wraps
#   every right-to-left run in U+202B ... U+202C and every left-to-right run
#   inside one in U+202A ... U+202C (poppler's reorderText writes them; they
#   are not in the PDF, as mutool shows); those three code points alone are
#   removed from its output before matching.
# - MuPDF's mutool, taken as it is.
#
# Whitespace is normalised (every run of it becomes one space), nothing else,
# with two exceptions for two known extractor faults, each allowed only where
# the PDF itself states the logical text:
#
# - poppler lays out the characters of one glyph that stands for several
#   (Arabic lam-alef, a ligature glyph that cairo wraps in /ActualText with
#   the logical text) from left to right, then reverses the right-to-left run,
#   so "لإ" comes out "إل" (TextPage::addChar divides the glyph's width among
#   the characters in logical order). A string with lam-alef passes pdftotext
#   when its output is exactly the string with each pair swapped and the PDF
#   holds each pair as an /ActualText in logical order; they are counted apart.
# - mutool 1.21 reads no /ActualText: a ligature glyph comes out as the
#   presentation form its ToUnicode gives (U+FEF9, Armenian U+FB15); such a
#   character is replaced by its compatibility decomposition only where the
#   PDF holds exactly that decomposition as an /ActualText.
#
# Known failures, with their causes, are listed in tests/pdftext.xfail.
set -u
export LC_ALL=C.UTF-8
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
OUT=output/tests/pdftext
rm -rf "$OUT" && mkdir -p "$OUT"
failed=0 passed=0 ligature=0

XFAIL=tests/pdftext.xfail
xfailed=0 xpassed=0
declare -A KNOWN LACKED
while IFS= read -r line; do
    [[ -z $line || $line == '#'* ]] && continue
    IFS=$'\t' read -r k1 k2 k3 k4 <<< "$line"
    KNOWN[$k1$'\t'$k2$'\t'$k3]=${k4:-any}
done < "$XFAIL"
# fail LANG NAME WHAT STRING: a failure, unless tests/pdftext.xfail lists
# "LANG<TAB>NAME<TAB>STRING" as a known one (then an XPASS is the failure)
fail() {
    if [ $# -eq 4 ] && [ "${KNOWN[$1$'\t'$2$'\t'$4]:-}" = any ]; then
        xfailed=$((xfailed + 1)); return
    fi
    if [ $# -eq 4 ]; then echo "FAIL  pdftext: $1 $2: $3 \"$4\""; else echo "FAIL  pdftext: $*"; fi
    failed=$((failed + 1))
}
# lacks LANG NAME EXTRACTOR STRING: the extractor does not find the string.
# An xfail line "LANG<TAB>NAME<TAB>STRING<TAB>EXTRACTOR" excuses that one
# extractor alone: then this returns 1 and the string is checked on (the
# other extractor must find it); otherwise it is fail's, and returns 0.
lacks() {
    if [ "${KNOWN[$1$'\t'$2$'\t'$4]:-}" = "$3" ]; then
        LACKED[$1$'\t'$2$'\t'$4]=1; return 1
    fi
    fail "$1" "$2" "$3 lacks" "$4"; return 0
}
# ok LANG NAME STRING: a pass, which an xfail entry turns into a failure
ok() {
    local key=$1$'\t'$2$'\t'$3
    if [ -z "${KNOWN[$key]:-}" ]; then passed=$((passed + 1))
    elif [ "${KNOWN[$key]}" != any ] && [ -n "${LACKED[$key]:-}" ]; then xfailed=$((xfailed + 1))
    else
        local by=; [ "${KNOWN[$key]}" = any ] || by=" by ${KNOWN[$key]}"
        echo "XPASS pdftext: $1 $2: \"$3\" is found$by now: take it out of $XFAIL"
        failed=$((failed + 1)); xpassed=$((xpassed + 1))
    fi
}

for tool in pdftotext mutool qpdf python3; do
    if ! command -v $tool > /dev/null; then
        echo "FAIL  pdftext: $tool is not installed (make deps installs it)"
        exit 1
    fi
done

# The strings, one set per script. Values stay below 1000, so that every
# language writes them the same way.
set_strings() {
    case $1 in
    ar)
        TITLE='أكبر المدن في مصر' SUB='عدد السكان بالآلاف' SOURCE='المصدر: بيانات اختبارية'
        L=('القاهرة' 'الإسكندرية' 'الجيزة' 'شبرا الخيمة')
        S=('الرجال' 'النساء') P=('الزراعة' 'الصناعة' 'الخدمات')
        E=('افتتاح المكتبة الجديدة' 'إعلان الاستقلال الكامل')
        CAPTION='سكان المدن الكبرى' COMPARE='منهم ٣٠٠ من النساء' PER_UNIT='أشخاص'
        TEXT='هذه فقرة قصيرة عن المدن الكبرى وسكانها.' CAPT='رسم للاختبارات: تلال وبيت وشمس.'
        H=('المدينة' 'السكان') ;;
    hy)
        TITLE='Հայաստանի խոշոր քաղաքները' SUB='Բնակչությունը հազարներով' SOURCE='Աղբյուրը՝ փորձնական տվյալներ'
        L=('Երևան' 'Գյումրի' 'Վանաձոր' 'Էջմիածին')
        S=('Տղամարդիկ' 'Կանայք') P=('Գյուղատնտեսություն' 'Արդյունաբերություն' 'Ծառայություններ')
        E=('Նոր գրադարանի բացումը' 'Անկախության հռչակագիրը')
        CAPTION='Խոշոր քաղաքների բնակիչները' COMPARE='որից 300 կին' PER_UNIT='մարդ'
        TEXT='Սա կարճ պարբերություն է խոշոր քաղաքների մասին։' CAPT='Նկար փորձարկումների համար՝ բլուրներ, տուն և արև։'
        H=('Քաղաք' 'Բնակչություն') ;;
    ru)
        TITLE='Крупнейшие города России' SUB='Население в тысячах' SOURCE='Источник: тестовые данные'
        L=('Москва' 'Санкт-Петербург' 'Нижний Новгород' 'Екатеринбург')
        S=('Мужчины' 'Женщины') P=('Сельское хозяйство' 'Промышленность' 'Услуги')
        E=('Открытие новой библиотеки' 'Объявление независимости')
        CAPTION='Жители крупных городов' COMPARE='из них 300 женщин' PER_UNIT='человек'
        TEXT='Это короткий абзац о крупных городах и их жителях.' CAPT='Рисунок для тестов: холмы, дом и солнце.'
        H=('Город' 'Население') ;;
    az)
        TITLE='Azərbaycanın ən böyük şəhərləri' SUB='Əhali, min nəfər' SOURCE='Mənbə: sınaq məlumatları'
        L=('Bakı' 'Gəncə' 'Sumqayıt' 'Şəki və Lənkəran')
        S=('Kişilər' 'Qadınlar') P=('Kənd təsərrüfatı' 'Sənaye' 'Xidmətlər')
        E=('Yeni kitabxananın açılışı' 'Müstəqilliyin bərpası')
        CAPTION='Böyük şəhərlərin sakinləri' COMPARE='onlardan 300 qadın' PER_UNIT='nəfər'
        TEXT='Bu, böyük şəhərlər və onların sakinləri haqqında qısa bir abzasdır.' CAPT='Testlər üçün çəkilmiş rəsm: təpələr, ev və günəş.'
        H=('Şəhər' 'Əhali') ;;
    emoji)
        TITLE='Favourite foods 🍕🍣' SUB='Votes by family 👩‍👩‍👧' SOURCE='Source: test data 🇦🇿'
        L=('Pizza 🍕' 'Sushi 🍣' 'Thumbs up 👍🏽' 'Family 👩‍👩‍👧')
        S=('Kids 🧒' 'Adults 🧑') P=('Sun ☀️' 'Rain 🌧️' 'Snow ❄️')
        E=('Opening day 🎉' 'Flag raised 🇦🇿')
        CAPTION='Votes counted ✅' COMPARE='of which 300 by email 📧' PER_UNIT='people 👥'
        TEXT='A short paragraph with emoji 😀 and a heart ❤️ in it.' CAPT='A drawing 🖼️ made for the tests.'
        H=('Food 🍽️' 'Votes 🗳️') ;;
    esac
    V=(613 475 150 42)
}

# every string the data holds, one a line
expected() {
    printf '%s\n' "$TITLE" "${L[@]}" "${V[@]}"
    case $2 in
    chart*) printf '%s\n' "$SUB" "$SOURCE" ;;
    esac
    case $2 in
    chart-grouped*) printf '%s\n' "${S[@]}" ;;
    chart-line | chart-area) printf '%s\n' "${S[@]}" ;;
    report) printf '%s\n' "$SUB" "$SOURCE" "${S[@]}" "${P[@]}" "${E[@]}" "$CAPTION" "$COMPARE" "$TEXT" "$CAPT" "${H[@]}" \
        'Bars' 'Stat' 'Icons' 'Dates' 'Prose' 'Picture' 'Parts' 'Lines' 'Areas' 'Table' ;;
    esac
}

# write the data of one script into DIR
write_data() {
    local d=$1 i
    mkdir -p "$d"
    { echo 'label,value'; for i in 0 1 2 3; do echo "\"${L[$i]}\",${V[$i]}"; done; } > "$d/cities.csv"
    { echo "label,\"${S[0]}\",\"${S[1]}\""; for i in 0 1 2 3; do echo "\"${L[$i]}\",${V[$i]},$((V[i] / 2))"; done; } > "$d/groups.csv"
    # the line's labels are the series names at the line ends; its last
    # values and the categories on the axis are the cities and their values
    { echo "label,\"${S[0]}\",\"${S[1]}\""; for i in 0 1 2 3; do echo "\"${L[$i]}\",${V[$i]},$((V[3 - i]))"; done; } > "$d/series.csv"
    { echo 'part,share'; echo "\"${P[0]}\",50"; echo "\"${P[1]}\",30"; echo "\"${P[2]}\",20"; } > "$d/parts.csv"
    { echo 'date,event'; echo "1991-10-18,\"${E[0]}\""; echo "2005-05-01,\"${E[1]}\""; } > "$d/dates.csv"
    { echo "city,people"; for i in 0 1 2 3; do echo "\"${L[$i]}\",${V[$i]}"; done; } > "$d/table.csv"
    cp tests/render/data/media/picture.png "$d/"
    cat > "$d/report.ini" <<EOF
[report]
name = text
title = $TITLE
subtitle = $SUB
source = $SOURCE

[panel bars]
type = bar
span = 6
title = Bars
data = cities.csv
label = label
value = value
orientation = vertical

[panel stat]
type = stat
span = 6
title = Stat
value = 613
caption = $CAPTION
compare = $COMPARE

[panel icons]
type = pictogram
span = 6
title = Icons
data = cities.csv
label = label
value = value
per = 100
per_unit = $PER_UNIT

[panel dates]
type = timeline
span = 6
title = Dates
data = dates.csv

[panel prose]
type = text
span = 6
title = Prose
text = $TEXT

[panel picture]
type = image
span = 6
title = Picture
file = picture.png
alt = A drawing of hills, a house and the sun.
caption = $CAPT

[panel parts]
type = donut
span = 6
title = Parts
data = parts.csv
label = part
value = share

[panel lines]
type = line
span = 6
title = Lines
data = series.csv
label = label
value = ${S[0]},${S[1]}

[panel areas]
type = area
span = 6
title = Areas
data = series.csv
label = label
value = ${S[0]},${S[1]}
mode = stacked

[panel table]
type = table
span = 6
title = Table
data = table.csv
header = ${H[0]},${H[1]}
EOF
}

# mutool 1.21 reads no /ActualText: a ligature glyph (Arabic lam-alef,
# Armenian men-ini) comes out as the presentation form its ToUnicode map
# gives. Such a character is replaced by its compatibility decomposition only
# where the PDF holds exactly that decomposition as an /ActualText.
UNLIGATE='import sys, unicodedata as u
text, qdf = open(sys.argv[1], encoding="utf-8").read(), open(sys.argv[2], "rb").read()
def logical(c):
    if not ("\ufb00" <= c <= "\ufb4f" or "\ufe70" <= c <= "\ufeff"):
        return c
    d = u.normalize("NFKC", c)
    return d if b"/ActualText <feff" + d.encode("utf-16-be").hex().encode() + b">" in qdf else c
sys.stdout.write("".join(logical(c) for c in text))'
LAMALEF='ل[اأإآ]'

# check SCRIPT NAME PDF: every expected string in both extractions
check_pdf() {
    local lang=$1 name=$2 pdf=$3 base=$OUT/$1/$2 s swapped actual hex n=0
    pdftotext -enc UTF-8 "$pdf" - 2> /dev/null | LC_ALL=C sed 's/\xe2\x80[\xaa\xab\xac]//g' | tr -s '[:space:]' ' ' > "$base.poppler"
    mutool draw -q -F txt -o - "$pdf" 2> /dev/null | tr -s '[:space:]' ' ' > "$base.mupdf"
    qpdf --qdf --object-streams=disable "$pdf" "$base.qdf" 2> /dev/null
    python3 -c "$UNLIGATE" "$base.mupdf" "$base.qdf" > "$base.mupdf.logical"
    # the PDF's own text holds no bidi control: mutool reads it as written
    if grep -qP '[\x{200E}\x{200F}\x{202A}-\x{202E}\x{2066}-\x{2069}\x{00AD}\x{200B}]' "$base.mupdf"; then
        fail "$lang $name: the PDF's text holds a bidi control, soft hyphen or zero-width space"
    fi
    local poppler mupdf qdf words
    poppler=$(< "$base.poppler") mupdf=$(< "$base.mupdf.logical") qdf=$(grep -ao '/ActualText <[0-9a-f]*>' "$base.qdf")
    while IFS= read -r s; do
        [ -n "$s" ] || continue
        read -ra words <<< "$s"; s="${words[*]}"
        n=$((n + 1))
        if [[ $s =~ $LAMALEF ]]; then
            # poppler's known fault: each lam-alef pair swapped, nothing else
            swapped=$(sed -E 's/(ل)([اأإآ])/\2\1/g' <<< "$s")
            if [[ $poppler == *"$s"* ]]; then :
            elif [[ $poppler == *"$swapped"* ]]; then ligature=$((ligature + 1))
            else lacks $lang $name pdftotext "$s" && continue; fi
            if [[ $mupdf != *"$s"* ]]; then
                lacks $lang $name mutool "$s" && continue
            fi
            # every lam-alef pair of the string is an /ActualText in logical order
            for actual in $(grep -oP "$LAMALEF" <<< "$s" | sort -u); do
                hex=$(printf '%s' "$actual" | iconv -f UTF-8 -t UTF-16BE | od -An -tx1 | tr -d ' \n')
                [[ $qdf == *"/ActualText <feff$hex>"* ]] ||
                    { fail $lang $name "no /ActualText <feff$hex> for $actual in" "$s"; continue 2; }
            done
            ok $lang $name "$s"
            continue
        fi
        if [[ $poppler != *"$s"* ]]; then lacks $lang $name pdftotext "$s" && continue; fi
        if [[ $mupdf != *"$s"* ]]; then lacks $lang $name mutool "$s" && continue; fi
        ok $lang $name "$s"
    done < <(expected "$lang" "$name")
    COUNT[$lang]=$((${COUNT[$lang]:-0} + n))
}

declare -A COUNT
for lang in ar hy ru az emoji; do
    set_strings $lang
    d=$OUT/$lang
    write_data "$d"
    lopt=(--lang "$lang")
    [ $lang = emoji ] && lopt=(--lang en)
    common=(--title "$TITLE" --subtitle "$SUB" --source "$SOURCE" "${lopt[@]}")
    chart() { # NAME CSV OPTIONS...
        local name=$1 csv=$2; shift 2
        if "$BIN" chart "$d/$csv" "${common[@]}" "$@" -o "$d/$name.pdf" 2> "$d/$name.err"; then
            check_pdf $lang "$name" "$d/$name.pdf"
        else
            fail "$lang $name: $(cat "$d/$name.err")"
        fi
    }
    chart chart-horizontal cities.csv --label label --value value
    chart chart-vertical cities.csv --label label --value value --orientation vertical
    chart chart-grouped groups.csv --label label --value "${S[0]},${S[1]}"
    chart chart-grouped-vertical groups.csv --label label --value "${S[0]},${S[1]}" --orientation vertical
    chart chart-line series.csv --label label --value "${S[0]},${S[1]}" --type line --labels all
    chart chart-area series.csv --label label --value "${S[0]},${S[1]}" --type area --labels all
    if "$BIN" render "$d/report.ini" "${lopt[@]}" --format pdf -o "$d/report" 2> "$d/report.err"; then
        check_pdf $lang report "$(ls "$d"/report/*.pdf | head -1)"
    else
        fail "$lang report: $(cat "$d/report.err")"
    fi
done

for lang in ar hy ru az emoji; do printf 'pdftext: %s %s strings\n' $lang "${COUNT[$lang]}"; done
[ $ligature -gt 0 ] && echo "pdftext: $ligature strings with lam-alef read by pdftotext with the pair swapped (poppler's fault; the PDF's /ActualText is logical)"
echo "pdftext: $passed passed, $failed failed, $xfailed known failures (tests/pdftext.xfail)"
[ $failed -eq 0 ]
