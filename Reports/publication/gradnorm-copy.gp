# copy: global gradient norm (mean per epoch) per epoch, mean +/- sd over seeds, per profile
# Render with: gnuplot gradnorm-copy.gp   (writes gradnorm-copy.svg and gradnorm-copy.png)
set terminal svg size 800,500 dynamic enhanced font 'Helvetica,12'
set output 'gradnorm-copy.svg'
set title 'copy: global gradient norm (mean per epoch), mean +/- sd over seeds'
set xlabel 'epoch'
set xtics 1
set ylabel 'global gradient norm (mean per epoch)'
set key outside right
set grid
set logscale y
plot 'gradnorm-copy.dat' index 0 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 1 notitle, \
     'gradnorm-copy.dat' index 0 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 1 title 'keras1.0', \
     'gradnorm-copy.dat' index 1 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 2 notitle, \
     'gradnorm-copy.dat' index 1 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 2 title 'chainer', \
     'gradnorm-copy.dat' index 2 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 3 notitle, \
     'gradnorm-copy.dat' index 2 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 3 title 'tf0', \
     'gradnorm-copy.dat' index 3 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 4 notitle, \
     'gradnorm-copy.dat' index 3 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 4 title 'torch7-seqlstm', \
     'gradnorm-copy.dat' index 4 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 5 notitle, \
     'gradnorm-copy.dat' index 4 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 5 title 'tf1', \
     'gradnorm-copy.dat' index 5 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 6 notitle, \
     'gradnorm-copy.dat' index 5 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 6 title 'keras1.2', \
     'gradnorm-copy.dat' index 6 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 7 notitle, \
     'gradnorm-copy.dat' index 6 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 7 title 'pytorch', \
     'gradnorm-copy.dat' index 7 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 8 notitle, \
     'gradnorm-copy.dat' index 7 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 8 title 'lasagne', \
     'gradnorm-copy.dat' index 8 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 9 notitle, \
     'gradnorm-copy.dat' index 8 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 9 title 'torch7-lstm', \
     'gradnorm-copy.dat' index 9 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 10 notitle, \
     'gradnorm-copy.dat' index 9 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 10 title 'blocks', \
     'gradnorm-copy.dat' index 10 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 11 notitle, \
     'gradnorm-copy.dat' index 10 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 11 title 'flax', \
     'gradnorm-copy.dat' index 11 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 12 notitle, \
     'gradnorm-copy.dat' index 11 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 12 title 'mxnet-gluon', \
     'gradnorm-copy.dat' index 12 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 13 notitle, \
     'gradnorm-copy.dat' index 12 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 13 title 'theano-tutorial', \
     'gradnorm-copy.dat' index 13 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 14 notitle, \
     'gradnorm-copy.dat' index 13 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 14 title 'keras2', \
     'gradnorm-copy.dat' index 14 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 15 notitle, \
     'gradnorm-copy.dat' index 14 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 15 title 'keras3'
set terminal pngcairo size 800,500 enhanced font 'Helvetica,10'
set output 'gradnorm-copy.png'
set title 'copy: global gradient norm (mean per epoch), mean +/- sd over seeds'
set xlabel 'epoch'
set xtics 1
set ylabel 'global gradient norm (mean per epoch)'
set key outside right
set grid
set logscale y
plot 'gradnorm-copy.dat' index 0 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 1 notitle, \
     'gradnorm-copy.dat' index 0 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 1 title 'keras1.0', \
     'gradnorm-copy.dat' index 1 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 2 notitle, \
     'gradnorm-copy.dat' index 1 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 2 title 'chainer', \
     'gradnorm-copy.dat' index 2 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 3 notitle, \
     'gradnorm-copy.dat' index 2 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 3 title 'tf0', \
     'gradnorm-copy.dat' index 3 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 4 notitle, \
     'gradnorm-copy.dat' index 3 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 4 title 'torch7-seqlstm', \
     'gradnorm-copy.dat' index 4 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 5 notitle, \
     'gradnorm-copy.dat' index 4 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 5 title 'tf1', \
     'gradnorm-copy.dat' index 5 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 6 notitle, \
     'gradnorm-copy.dat' index 5 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 6 title 'keras1.2', \
     'gradnorm-copy.dat' index 6 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 7 notitle, \
     'gradnorm-copy.dat' index 6 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 7 title 'pytorch', \
     'gradnorm-copy.dat' index 7 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 8 notitle, \
     'gradnorm-copy.dat' index 7 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 8 title 'lasagne', \
     'gradnorm-copy.dat' index 8 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 9 notitle, \
     'gradnorm-copy.dat' index 8 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 9 title 'torch7-lstm', \
     'gradnorm-copy.dat' index 9 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 10 notitle, \
     'gradnorm-copy.dat' index 9 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 10 title 'blocks', \
     'gradnorm-copy.dat' index 10 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 11 notitle, \
     'gradnorm-copy.dat' index 10 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 11 title 'flax', \
     'gradnorm-copy.dat' index 11 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 12 notitle, \
     'gradnorm-copy.dat' index 11 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 12 title 'mxnet-gluon', \
     'gradnorm-copy.dat' index 12 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 13 notitle, \
     'gradnorm-copy.dat' index 12 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 13 title 'theano-tutorial', \
     'gradnorm-copy.dat' index 13 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 14 notitle, \
     'gradnorm-copy.dat' index 13 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 14 title 'keras2', \
     'gradnorm-copy.dat' index 14 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 15 notitle, \
     'gradnorm-copy.dat' index 14 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 15 title 'keras3'
unset output
