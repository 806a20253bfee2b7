# gnuplot peer of `factsheet chart`: one horizontal bar chart of a
# label,value CSV, styled like factsheet's (Inter, #1d5f8a bars, light
# vertical grid, value labels inside the bars, first row at the top).
#
#   gnuplot -c chart.gp IN.csv OUT.(png|pdf|svg) [TITLE] [WIDTH HEIGHT]
#
# PNG: pngcairo WIDTHxHEIGHT px (default 1920x1080); PDF: pdfcairo on an A4
# landscape page, factsheet's default; SVG: svg WIDTHxHEIGHT.
in = ARG1; out = ARG2
title = (ARGC >= 3) ? ARG3 : "T"
W = (ARGC >= 5) ? int(ARG4) : 1920
H = (ARGC >= 5) ? int(ARG5) : 1080
ext = out[strlen(out)-2:]
fs = (W >= 1600) ? 20 : 11
if (ext eq "png") { set terminal pngcairo size W,H font sprintf("Inter,%d", fs) background "#ffffff" }
if (ext eq "pdf") { set terminal pdfcairo size 29.7cm,21cm font "Inter,12" }
if (ext eq "svg") { set terminal svg size W,H font sprintf("Inter,%d", fs) background "#ffffff" }
set output out
load "tests/bench/style.gp"
set title title font sprintf("Inter Bold,%d", (ext eq "pdf") ? 24 : fs*2)
plot in skip 1 using ($2/2):0:($2/2):(0.36):ytic(1) with boxxyerror fs solid 1.0 noborder lc rgb "#1d5f8a", \
     '' skip 1 using 2:0:(sprintf("%d", $2)) with labels right offset -1,0 tc rgb "#ffffff" font sprintf("Inter SemiBold,%d", fs)
