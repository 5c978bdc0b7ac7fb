# adding: validation mse per epoch, mean +/- sd over seeds, per profile
# Render with: gnuplot curves-adding.gp   (writes curves-adding.svg and curves-adding.png)
set terminal svg size 800,500 dynamic enhanced font 'Helvetica,12'
set output 'curves-adding.svg'
set title 'adding: validation mse, mean +/- sd over seeds'
set xlabel 'epoch'
set xtics 1
set ylabel 'validation mse'
set key outside right
set grid
unset logscale y
plot 'curves-adding.dat' index 0 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 1 notitle, \
     'curves-adding.dat' index 0 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 1 title 'chainer', \
     'curves-adding.dat' index 1 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 2 notitle, \
     'curves-adding.dat' index 1 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 2 title 'torch7-seqlstm', \
     'curves-adding.dat' index 2 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 3 notitle, \
     'curves-adding.dat' index 2 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 3 title 'tf0', \
     'curves-adding.dat' index 3 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 4 notitle, \
     'curves-adding.dat' index 3 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 4 title 'tf1', \
     'curves-adding.dat' index 4 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 5 notitle, \
     'curves-adding.dat' index 4 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 5 title 'keras1.0', \
     'curves-adding.dat' index 5 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 6 notitle, \
     'curves-adding.dat' index 5 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 6 title 'torch7-lstm', \
     'curves-adding.dat' index 6 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 7 notitle, \
     'curves-adding.dat' index 6 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 7 title 'keras1.2', \
     'curves-adding.dat' index 7 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 8 notitle, \
     'curves-adding.dat' index 7 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 8 title 'flax', \
     'curves-adding.dat' index 8 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 9 notitle, \
     'curves-adding.dat' index 8 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 9 title 'keras2', \
     'curves-adding.dat' index 9 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 10 notitle, \
     'curves-adding.dat' index 9 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 10 title 'keras3', \
     'curves-adding.dat' index 10 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 11 notitle, \
     'curves-adding.dat' index 10 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 11 title 'theano-tutorial', \
     'curves-adding.dat' index 11 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 12 notitle, \
     'curves-adding.dat' index 11 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 12 title 'pytorch', \
     'curves-adding.dat' index 12 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 13 notitle, \
     'curves-adding.dat' index 12 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 13 title 'lasagne', \
     'curves-adding.dat' index 13 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 14 notitle, \
     'curves-adding.dat' index 13 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 14 title 'mxnet-gluon', \
     'curves-adding.dat' index 14 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 15 notitle, \
     'curves-adding.dat' index 14 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 15 title 'blocks'
set terminal pngcairo size 800,500 enhanced font 'Helvetica,10'
set output 'curves-adding.png'
set title 'adding: validation mse, mean +/- sd over seeds'
set xlabel 'epoch'
set xtics 1
set ylabel 'validation mse'
set key outside right
set grid
unset logscale y
plot 'curves-adding.dat' index 0 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 1 notitle, \
     'curves-adding.dat' index 0 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 1 title 'chainer', \
     'curves-adding.dat' index 1 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 2 notitle, \
     'curves-adding.dat' index 1 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 2 title 'torch7-seqlstm', \
     'curves-adding.dat' index 2 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 3 notitle, \
     'curves-adding.dat' index 2 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 3 title 'tf0', \
     'curves-adding.dat' index 3 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 4 notitle, \
     'curves-adding.dat' index 3 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 4 title 'tf1', \
     'curves-adding.dat' index 4 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 5 notitle, \
     'curves-adding.dat' index 4 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 5 title 'keras1.0', \
     'curves-adding.dat' index 5 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 6 notitle, \
     'curves-adding.dat' index 5 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 6 title 'torch7-lstm', \
     'curves-adding.dat' index 6 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 7 notitle, \
     'curves-adding.dat' index 6 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 7 title 'keras1.2', \
     'curves-adding.dat' index 7 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 8 notitle, \
     'curves-adding.dat' index 7 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 8 title 'flax', \
     'curves-adding.dat' index 8 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 9 notitle, \
     'curves-adding.dat' index 8 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 9 title 'keras2', \
     'curves-adding.dat' index 9 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 10 notitle, \
     'curves-adding.dat' index 9 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 10 title 'keras3', \
     'curves-adding.dat' index 10 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 11 notitle, \
     'curves-adding.dat' index 10 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 11 title 'theano-tutorial', \
     'curves-adding.dat' index 11 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 12 notitle, \
     'curves-adding.dat' index 11 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 12 title 'pytorch', \
     'curves-adding.dat' index 12 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 13 notitle, \
     'curves-adding.dat' index 12 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 13 title 'lasagne', \
     'curves-adding.dat' index 13 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 14 notitle, \
     'curves-adding.dat' index 13 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 14 title 'mxnet-gluon', \
     'curves-adding.dat' index 14 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 15 notitle, \
     'curves-adding.dat' index 14 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 15 title 'blocks'
unset output
