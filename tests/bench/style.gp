# Shared style of chart.gp and batch.gp (loaded, not run).
set datafile separator ","
unset key
set border 2 lc rgb "#8a8a8a"
set xtics nomirror out scale 0 tc rgb "#5c5c5c" format "%g"
set ytics nomirror scale 0 tc rgb "#1a1a1a"
set grid xtics lc rgb "#e3e3e3" lw 1 lt 1
set yrange [*:*] reverse
set offsets 0, 0, 0.5, 0.5
set xrange [0:*]
