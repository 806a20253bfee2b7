# gnuplot peer of the 200-chart batch: one process, one 800x600 PNG per CSV.
#
#   gnuplot -c batch.gp INDIR OUTDIR COUNT
indir = ARG1; outdir = ARG2; n = int(ARG3)
set terminal pngcairo size 800,600 font "Inter,11" background "#ffffff"
load "tests/bench/style.gp"
do for [i = 1:n] {
    set output sprintf("%s/%03d.png", outdir, i)
    set title sprintf("Chart %d", i) font "Inter Bold,16" left
    in = sprintf("%s/%03d.csv", indir, i)
    plot in skip 1 using ($2/2):0:($2/2):(0.36):ytic(1) with boxxyerror fs solid 1.0 noborder lc rgb "#1d5f8a", \
         '' skip 1 using 2:0:(sprintf("%d", $2)) with labels right offset -1,0 tc rgb "#ffffff" font "Inter SemiBold,11"
    unset output
}
