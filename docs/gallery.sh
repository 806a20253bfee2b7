#!/usr/bin/env bash
# The README's gallery: every image with the one command that makes it.
# This list is the only source of both: `make gallery` runs the commands and
# writes the README section from it, and tests/docs.sh checks that README.md
# still shows exactly this list.
#
#   bash docs/gallery.sh run                       run every command (from the
#                                                  repository root, factsheet on PATH)
#   bash docs/gallery.sh readme                    print the README section
#   bash docs/gallery.sh readme-update README.md   rewrite that section in place
#
# The images are committed (docs/gallery/*.png) so that GitHub shows them:
# small PNGs, pages at 60 dpi and slides at 960x540, about 40 KB each.
#
# Records, in order (fields separated by '|'):
#   section|COLUMNS|TITLE|TEXT     a heading, a sentence, and the table width
#   setup|COMMAND                  a command the images below need, shown once
#   image|FILE|CAPTION|COMMAND     an image and the command that makes it
set -euo pipefail

GALLERY=(
"section|3|The fact sheet in three languages|The default report, \`data/khojaly/report.ini\`: one A4 page in each language of its \`languages = en,az,ru\`. The first command draws every PDF and slide; each image is then page 1 of a PDF at 60 dpi."
"setup|factsheet render data/khojaly/report.ini --format pdf,svg -o build/gallery"
"image|docs/gallery/page-en.png|English|pdftoppm -png -r 60 -singlefile build/gallery/khojaly.pdf docs/gallery/page-en"
"image|docs/gallery/page-az.png|Azerbaijani|pdftoppm -png -r 60 -singlefile build/gallery/khojaly.az.pdf docs/gallery/page-az"
"image|docs/gallery/page-ru.png|Russian|pdftoppm -png -r 60 -singlefile build/gallery/khojaly.ru.pdf docs/gallery/page-ru"
"section|2|Every panel type, as a slide|The same render writes each panel alone as a 1920×1080 slide (PNG and SVG); these are its SVGs at half size."
"image|docs/gallery/panel-stat.png|stat|rsvg-convert -w 960 build/gallery/khojaly-killed-total.svg -o docs/gallery/panel-stat.png"
"image|docs/gallery/panel-bar.png|bar|rsvg-convert -w 960 build/gallery/khojaly-killed.svg -o docs/gallery/panel-bar.png"
"image|docs/gallery/panel-pictogram.png|pictogram|rsvg-convert -w 960 build/gallery/khojaly-orphans.svg -o docs/gallery/panel-pictogram.png"
"image|docs/gallery/panel-timeline.png|timeline|rsvg-convert -w 960 build/gallery/khojaly-timeline.svg -o docs/gallery/panel-timeline.png"
"image|docs/gallery/panel-text.png|text|rsvg-convert -w 960 build/gallery/khojaly-recognition.svg -o docs/gallery/panel-text.png"
"section|3|Images, logos and parts of a whole|A report with an SVG logo in its header (vectors in the PDF and SVG), a donut and an image panel (a PNG), from \`tests/render/data/media/media.ini\`: page 1 at 60 dpi and the two panels' slides at half size."
"setup|factsheet render tests/render/data/media/media.ini --lang en --format pdf,svg -o build/gallery-media"
"image|docs/gallery/page-media.png|A logo in the header|pdftoppm -png -r 60 -singlefile build/gallery-media/media.pdf docs/gallery/page-media"
"image|docs/gallery/panel-donut.png|donut|rsvg-convert -w 960 build/gallery-media/media-parts.svg -o docs/gallery/panel-donut.png"
"image|docs/gallery/panel-image.png|image|rsvg-convert -w 960 build/gallery-media/media-picture.svg -o docs/gallery/panel-image.png"
"section|2|A table beside a chart|A table panel (\`type = table\`) of 12 rows and 4 columns beside a bar chart, from \`tests/render/data/table/report.ini\`: numbers aligned on the decimal sign, a bar in the share column, zebra rows. Page 1 at 60 dpi and the table's slide at half size."
"setup|factsheet render tests/render/data/table/report.ini --lang en --format pdf,svg -o build/gallery-table"
"image|docs/gallery/page-table.png|A table on the sheet|pdftoppm -png -r 60 -singlefile build/gallery-table/regions.pdf docs/gallery/page-table"
"image|docs/gallery/panel-table.png|table|rsvg-convert -w 960 build/gallery-table/regions-regions.svg -o docs/gallery/panel-table.png"
"section|2|Charts straight from a CSV file|\`factsheet chart\` needs no spec. Slides are laid out at 1920×1080; \`--scale 0.5\` writes them at 960×540."
"image|docs/gallery/chart-dark.png|A dark slide|factsheet chart data/khojaly/killed.csv --label group --value count --title 'Among the 613 people killed' --subtitle 'Women, children and elderly people' --source 'Article, 26 February 2023' --theme dark --scale 0.5 -o docs/gallery/chart-dark.png"
"image|docs/gallery/chart-rtl.png|Right to left: Arabic|factsheet chart tests/render/data/arabic.csv --label الفئة --value القيمة --lang ar --title 'أرقام كما وردت في المقال' --source 'مقال، 26 فبراير 2023' --scale 0.5 -o docs/gallery/chart-rtl.png"
"image|docs/gallery/chart-stacked.png|Stacked, several value columns|factsheet chart tests/render/data/grouped.csv --label region --value 2021,2022,2023 --mode stacked --title 'Stacked by year' --source 'Test data' --scale 0.5 -o docs/gallery/chart-stacked.png"
"image|docs/gallery/chart-scripts.png|Scripts and emoji from the bundled fonts|factsheet chart tests/render/data/scripts.csv --label label --value value --orientation vertical --sort desc --title 'Many scripts' --source 'Test data' --scale 0.5 -o docs/gallery/chart-scripts.png"
"image|docs/gallery/chart-aggregate.png|One bar per region, summed from 90 rows while the file streams|factsheet chart data/examples/orders.csv --label region --value amount --aggregate sum --sort desc --title 'Orders by region' --source 'factsheet examples (invented figures)' --scale 0.5 -o docs/gallery/chart-aggregate.png"
"image|docs/gallery/chart-print-bw.png|For a black-and-white printer: series told apart by pattern|factsheet chart tests/render/data/grouped.csv --label region --value 2021,2022,2023 --mode stacked --title 'Stacked by year' --source 'Test data' --theme print-bw --scale 0.5 -o docs/gallery/chart-print-bw.png"
"image|docs/gallery/chart-line.png|Lines over a time axis: 36 months, calendar ticks, each series named at its end|factsheet chart tests/render/data/monthly.csv --type line --label month --value Exports,Imports --markers last --title 'Trade by month' --source 'Test data' --scale 0.5 -o docs/gallery/chart-line.png"
"image|docs/gallery/chart-area.png|Stacked areas, in Russian|factsheet chart tests/render/data/monthly.csv --type area --mode stacked --label month --value Exports,Imports --lang ru --title 'Торговля по месяцам' --source 'Test data' --scale 0.5 -o docs/gallery/chart-area.png"
"image|docs/gallery/chart-annot-bar.png|Annotations: one highlighted bar, a target line|factsheet chart tests/render/data/shares.csv --label country --value share --unit % --highlight Spain --reference '50: Target' --title 'Renewable share of electricity' --source 'Test data' --scale 0.5 -o docs/gallery/chart-annot-bar.png"
"image|docs/gallery/chart-annot-line.png|A highlighted series and two reference lines|factsheet chart tests/render/data/monthly.csv --type line --label month --value Exports,Imports --highlight Exports --reference '150: Target; 100: Start' --title 'Exports passed the target' --source 'Test data' --scale 0.5 -o docs/gallery/chart-annot-line.png"
"image|docs/gallery/chart-annot-band.png|A shaded band, a callout and a target line|factsheet chart tests/render/data/monthly.csv --type line --label month --value Exports,Imports --band '2021-12..2022-10: Exports fell' --callout '2023-09: First month above the target' --reference '150: Target' --title 'Exports passed the target in September 2023' --source 'Test data' --scale 0.5 -o docs/gallery/chart-annot-band.png"
"section|2|Themes|Themes are small key files (\`themes/*.ini\`). The same report with \`--theme print-bw\` (page 1 at 60 dpi) and a panel slide with \`--theme dark\`."
"setup|factsheet render data/khojaly/report.ini --lang en --theme print-bw --format pdf -o build/gallery-bw && factsheet render data/khojaly/report.ini --lang en --theme dark --format svg -o build/gallery-dark"
"image|docs/gallery/page-print-bw.png|print-bw|pdftoppm -png -r 60 -singlefile build/gallery-bw/khojaly.pdf docs/gallery/page-print-bw"
"image|docs/gallery/slide-dark.png|dark|rsvg-convert -w 960 build/gallery-dark/khojaly-orphans.svg -o docs/gallery/slide-dark.png"
)

run() {
    local rec kind a b c
    mkdir -p build/gallery docs/gallery
    for rec in "${GALLERY[@]}"; do
        IFS='|' read -r kind a b c <<< "$rec"
        case $kind in
            setup) echo "gallery  $a"; eval "$a" ;;
            image) echo "gallery  $c"; eval "$c" ;;
        esac
    done
}

# A table per section, COLUMNS images wide: a row of images, then a row of
# captions and commands.
readme() {
    local rec kind a b c cols=2 imgs=() cmds=() i
    flush() {
        local n=${#imgs[@]} i j
        [ "$n" -eq 0 ] && return
        printf '\n|'; for ((j = 0; j < cols; j++)); do printf ' |'; done
        printf '\n|'; for ((j = 0; j < cols; j++)); do printf -- '---|'; done
        printf '\n'
        for ((i = 0; i < n; i += cols)); do
            printf '|'
            for ((j = i; j < i + cols; j++)); do printf ' %s |' "${imgs[j]-}"; done
            printf '\n|'
            for ((j = i; j < i + cols; j++)); do printf ' %s |' "${cmds[j]-}"; done
            printf '\n'
        done
        imgs=() cmds=()
    }
    echo "Every image below is made by the command under it, run from the repository"
    echo "root (\`factsheet\` is \`build/factsheet\` until installed; \`make gallery\` runs"
    echo "them all and rewrites this section from \`docs/gallery.sh\`)."
    for rec in "${GALLERY[@]}"; do
        IFS='|' read -r kind a b c <<< "$rec"
        case $kind in
            section) flush; cols=$a; printf '\n### %s\n\n%s\n' "$b" "$c" ;;
            setup) printf '\n```sh\n%s\n```\n' "$a" ;;
            image) imgs+=("![$b]($a)"); cmds+=("$b: \`$c\`") ;;
        esac
    done
    flush
}

case ${1-} in
    run) run ;;
    readme) readme ;;
    readme-update)
        f=$2
        grep -q '^<!-- gallery:begin' "$f" || { echo "gallery: no <!-- gallery:begin --> in $f" >&2; exit 1; }
        tmp=$(mktemp)
        readme > "$tmp.section"
        awk -v sect="$tmp.section" '
            /^<!-- gallery:begin/ { print; while ((getline l < sect) > 0) print l; skip = 1; next }
            /^<!-- gallery:end/ { skip = 0 }
            !skip' "$f" > "$tmp"
        cat "$tmp" > "$f"
        rm -f "$tmp" "$tmp.section"
        ;;
    *) echo "usage: bash docs/gallery.sh run | readme | readme-update README.md" >&2; exit 2 ;;
esac
