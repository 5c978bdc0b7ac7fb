# adding: global gradient norm (mean per epoch) per epoch, mean +/- sd over seeds, per profile
# Render with: gnuplot gradnorm-adding.gp   (writes gradnorm-adding.svg and gradnorm-adding.png)
set terminal svg size 800,500 dynamic enhanced font 'Helvetica,12'
set output 'gradnorm-adding.svg'
set title 'adding: global gradient norm (mean per epoch), mean +/- sd over seeds'
set xlabel 'epoch'
set xtics 1
set ylabel 'global gradient norm (mean per epoch)'
set key outside right
set grid
set logscale y
plot 'gradnorm-adding.dat' index 0 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 1 notitle, \
     'gradnorm-adding.dat' index 0 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 1 title 'chainer', \
     'gradnorm-adding.dat' index 1 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 2 notitle, \
     'gradnorm-adding.dat' index 1 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 2 title 'torch7-seqlstm', \
     'gradnorm-adding.dat' index 2 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 3 notitle, \
     'gradnorm-adding.dat' index 2 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 3 title 'tf0', \
     'gradnorm-adding.dat' index 3 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 4 notitle, \
     'gradnorm-adding.dat' index 3 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 4 title 'tf1', \
     'gradnorm-adding.dat' index 4 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 5 notitle, \
     'gradnorm-adding.dat' index 4 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 5 title 'keras1.0', \
     'gradnorm-adding.dat' index 5 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 6 notitle, \
     'gradnorm-adding.dat' index 5 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 6 title 'torch7-lstm', \
     'gradnorm-adding.dat' index 6 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 7 notitle, \
     'gradnorm-adding.dat' index 6 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 7 title 'keras1.2', \
     'gradnorm-adding.dat' index 7 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 8 notitle, \
     'gradnorm-adding.dat' index 7 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 8 title 'flax', \
     'gradnorm-adding.dat' index 8 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 9 notitle, \
     'gradnorm-adding.dat' index 8 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 9 title 'keras2', \
     'gradnorm-adding.dat' index 9 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 10 notitle, \
     'gradnorm-adding.dat' index 9 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 10 title 'keras3', \
     'gradnorm-adding.dat' index 10 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 11 notitle, \
     'gradnorm-adding.dat' index 10 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 11 title 'theano-tutorial', \
     'gradnorm-adding.dat' index 11 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 12 notitle, \
     'gradnorm-adding.dat' index 11 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 12 title 'pytorch', \
     'gradnorm-adding.dat' index 12 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 13 notitle, \
     'gradnorm-adding.dat' index 12 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 13 title 'lasagne', \
     'gradnorm-adding.dat' index 13 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 14 notitle, \
     'gradnorm-adding.dat' index 13 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 14 title 'mxnet-gluon', \
     'gradnorm-adding.dat' index 14 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 15 notitle, \
     'gradnorm-adding.dat' index 14 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 15 title 'blocks'
set terminal pngcairo size 800,500 enhanced font 'Helvetica,10'
set output 'gradnorm-adding.png'
set title 'adding: global gradient norm (mean per epoch), mean +/- sd over seeds'
set xlabel 'epoch'
set xtics 1
set ylabel 'global gradient norm (mean per epoch)'
set key outside right
set grid
set logscale y
plot 'gradnorm-adding.dat' index 0 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 1 notitle, \
     'gradnorm-adding.dat' index 0 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 1 title 'chainer', \
     'gradnorm-adding.dat' index 1 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 2 notitle, \
     'gradnorm-adding.dat' index 1 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 2 title 'torch7-seqlstm', \
     'gradnorm-adding.dat' index 2 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 3 notitle, \
     'gradnorm-adding.dat' index 2 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 3 title 'tf0', \
     'gradnorm-adding.dat' index 3 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 4 notitle, \
     'gradnorm-adding.dat' index 3 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 4 title 'tf1', \
     'gradnorm-adding.dat' index 4 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 5 notitle, \
     'gradnorm-adding.dat' index 4 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 5 title 'keras1.0', \
     'gradnorm-adding.dat' index 5 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 6 notitle, \
     'gradnorm-adding.dat' index 5 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 6 title 'torch7-lstm', \
     'gradnorm-adding.dat' index 6 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 7 notitle, \
     'gradnorm-adding.dat' index 6 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 7 title 'keras1.2', \
     'gradnorm-adding.dat' index 7 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 8 notitle, \
     'gradnorm-adding.dat' index 7 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 8 title 'flax', \
     'gradnorm-adding.dat' index 8 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 9 notitle, \
     'gradnorm-adding.dat' index 8 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 9 title 'keras2', \
     'gradnorm-adding.dat' index 9 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 10 notitle, \
     'gradnorm-adding.dat' index 9 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 10 title 'keras3', \
     'gradnorm-adding.dat' index 10 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 11 notitle, \
     'gradnorm-adding.dat' index 10 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 11 title 'theano-tutorial', \
     'gradnorm-adding.dat' index 11 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 12 notitle, \
     'gradnorm-adding.dat' index 11 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 12 title 'pytorch', \
     'gradnorm-adding.dat' index 12 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 13 notitle, \
     'gradnorm-adding.dat' index 12 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 13 title 'lasagne', \
     'gradnorm-adding.dat' index 13 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 14 notitle, \
     'gradnorm-adding.dat' index 13 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 14 title 'mxnet-gluon', \
     'gradnorm-adding.dat' index 14 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 15 notitle, \
     'gradnorm-adding.dat' index 14 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 15 title 'blocks'
unset output
