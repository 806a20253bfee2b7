# The chart cases shared by tests/render.sh (reference images) and
# tests/layout.sh (golden layout dumps): name | csv | args, with
# underscores in the args standing for spaces. Sourced, not run.
# shellcheck shell=bash
DATA=${DATA:-tests/render/data}
CHARTS=(
  "killed|data/khojaly/killed.csv|--label group --value count --title Among_the_613_people_killed --source Article"
  "long-labels|$DATA/long-labels.csv|--label label --value value --title Twelve_long_labels --subtitle Eighty-character_category_names --source Test_data"
  "grouped|$DATA/grouped.csv|--label region --value 2021,2022,2023 --title Grouped --source Test_data"
  "stacked|$DATA/grouped.csv|--label region --value 2021,2022,2023 --mode stacked --title Stacked --source Test_data"
  "percent|$DATA/grouped.csv|--label region --value 2021,2022,2023 --mode percent --title Percent --orientation vertical"
  "scripts|$DATA/scripts.csv|--label label --value value --title Scripts --source Test_data"
  "negatives|$DATA/negatives.csv|--label item --value change --title Negatives --orientation vertical --number-format 1.275,5"
  "dark|$DATA/negatives.csv|--label item --value change --title Dark --theme dark --sort desc"
  "tiny-segments|$DATA/tiny-segments.csv|--label team --value won,drawn,lost --mode stacked --title Tiny_segments"
  "print-bw|$DATA/eight.csv|--label region --value a,b,c,d,e,f,g,h --mode stacked --theme print-bw --title Eight_series_in_black_and_white"
  "tiny-values|$DATA/tiny-values.csv|--label pollutant --value value --unit mg/m³ --title Air_samples --source Test_data"
  "billions|$DATA/billions.csv|--label company --value revenue --title Revenue --source Test_data"
  "percent-rounding|$DATA/percent-rounding.csv|--label region --value yes,no,abstain --mode percent --title Votes_in_percent --orientation vertical"
  "rtl|$DATA/arabic.csv|--label الفئة --value القيمة --lang ar --title أرقام_كما_وردت_في_المقال --source مقال،_26_فبراير_2023"
  "grouped-vertical|$DATA/grouped-vertical.csv|--label region --value 2021,2022,2023 --orientation vertical --title Grouped_vertical_bars"
  "countries-vertical|$DATA/countries.csv|--label country --value value --orientation vertical --title Forty_countries"
  "stacked-negatives|$DATA/stacked-negatives.csv|--label item --value gain,loss,other --mode stacked --title Stacked_with_negative_parts"
  "months|$DATA/months.csv|--label month --value visitors --orientation vertical --lang ru --title Visitors_by_month"
  "missing|$DATA/missing.csv|--label district --value population --missing ,n/a --sort desc --title Two_values_missing --source Test_data"
  "missing-grouped|$DATA/missing-grouped.csv|--label region --value 2021,2022 --missing ,n/a --orientation vertical --lang az --title Missing_in_groups"
  "line-en|$DATA/monthly.csv|--type line --label month --value Exports,Imports --title Trade_by_month --source Test_data"
  "line-az|$DATA/monthly.csv|--type line --label month --value Exports,Imports --lang az --markers last --title Ticarət --source Test_data"
  "line-ru|$DATA/monthly.csv|--type line --label month --value Exports,Imports --lang ru --labels all --size 1280x720 --title Торговля --source Test_data"
  "line-ar|$DATA/monthly.csv|--type line --label month --value Exports,Imports --lang ar --title التجارة --source بيانات_الاختبار"
  "area-stacked|$DATA/monthly.csv|--type area --mode stacked --label month --value Exports,Imports --theme print-bw --title Stacked_areas"
  "annot-bar|$DATA/shares.csv|--label country --value share --highlight Spain --reference 50:_Target --title One_highlighted_bar_and_a_target"
  "annot-line-ar|$DATA/monthly.csv|--type line --label month --value Exports,Imports --highlight Exports --reference 150:_هدف;100 --lang ar --title التجارة"
  "annot-band|$DATA/monthly.csv|--type line --label month --value Exports,Imports --band 2022-03..2022-09:_Slowdown;2023-06..2030-01:_Recovery --title Two_shaded_bands"
  "annot-band-ar|$DATA/monthly.csv|--type area --label month --value Exports --band 2020-01..2030-01:_كل_الفترة --lang ar --title التصدير"
  "annot-callout|$DATA/shares.csv|--label country --value share --orientation vertical --callout Spain:_Record_year;France:_Lowest_since_the_survey_began_in_1990 --reference 50:_Target --title Two_callouts"
  "annot-callout-ar|$DATA/monthly.csv|--type line --label month --value Exports,Imports --lang ar --callout 2022-03:_ذروة_الصادرات_بعد_الاتفاق_التجاري;2023-12:_الأحدث;2021-01:_البداية --title التجارة"
  "annot-print-bw|$DATA/shares.csv|--label country --value share --orientation vertical --highlight Spain,Italy --reference 50:_Target --theme print-bw --title Highlight_in_black_and_white"
  "area-ar|$DATA/monthly.csv|--type area --label month --value Exports,Imports --highlight Imports --reference 150:_الهدف --lang ar --title الصادرات_والواردات --source بيانات_الاختبار"
)

# The edge cases: a CSV of tests/render/data whose first two columns are the
# label and the value.
EDGES=(zeros one-row huge tiny negatives)

# case_argv ARGS: splits a case's args into the array argv, underscores
# turned into spaces.
case_argv() {
    read -ra argv <<< "$1"
    local i
    for i in "${!argv[@]}"; do argv[$i]=${argv[$i]//_/ }; done
}
