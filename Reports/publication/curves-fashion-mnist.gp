# fashion-mnist: validation accuracy per epoch, mean +/- sd over seeds, per profile
# Render with: gnuplot curves-fashion-mnist.gp   (writes curves-fashion-mnist.svg and curves-fashion-mnist.png)
set terminal svg size 800,500 dynamic enhanced font 'Helvetica,12'
set output 'curves-fashion-mnist.svg'
set title 'fashion-mnist: validation accuracy, mean +/- sd over seeds'
set xlabel 'epoch'
set xtics 1
set ylabel 'validation accuracy'
set key outside right
set grid
unset logscale y
plot 'curves-fashion-mnist.dat' index 0 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 1 notitle, \
     'curves-fashion-mnist.dat' index 0 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 1 title 'torch7-seqlstm', \
     'curves-fashion-mnist.dat' index 1 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 2 notitle, \
     'curves-fashion-mnist.dat' index 1 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 2 title 'keras2', \
     'curves-fashion-mnist.dat' index 2 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 3 notitle, \
     'curves-fashion-mnist.dat' index 2 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 3 title 'keras3', \
     'curves-fashion-mnist.dat' index 3 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 4 notitle, \
     'curves-fashion-mnist.dat' index 3 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 4 title 'keras1.2', \
     'curves-fashion-mnist.dat' index 4 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 5 notitle, \
     'curves-fashion-mnist.dat' index 4 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 5 title 'keras1.0', \
     'curves-fashion-mnist.dat' index 5 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 6 notitle, \
     'curves-fashion-mnist.dat' index 5 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 6 title 'flax', \
     'curves-fashion-mnist.dat' index 6 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 7 notitle, \
     'curves-fashion-mnist.dat' index 6 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 7 title 'tf0', \
     'curves-fashion-mnist.dat' index 7 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 8 notitle, \
     'curves-fashion-mnist.dat' index 7 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 8 title 'tf1', \
     'curves-fashion-mnist.dat' index 8 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 9 notitle, \
     'curves-fashion-mnist.dat' index 8 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 9 title 'chainer', \
     'curves-fashion-mnist.dat' index 9 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 10 notitle, \
     'curves-fashion-mnist.dat' index 9 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 10 title 'pytorch', \
     'curves-fashion-mnist.dat' index 10 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 11 notitle, \
     'curves-fashion-mnist.dat' index 10 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 11 title 'lasagne', \
     'curves-fashion-mnist.dat' index 11 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 12 notitle, \
     'curves-fashion-mnist.dat' index 11 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 12 title 'torch7-lstm', \
     'curves-fashion-mnist.dat' index 12 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 13 notitle, \
     'curves-fashion-mnist.dat' index 12 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 13 title 'mxnet-gluon', \
     'curves-fashion-mnist.dat' index 13 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 14 notitle, \
     'curves-fashion-mnist.dat' index 13 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 14 title 'blocks', \
     'curves-fashion-mnist.dat' index 14 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 15 notitle, \
     'curves-fashion-mnist.dat' index 14 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 15 title 'theano-tutorial'
set terminal pngcairo size 800,500 enhanced font 'Helvetica,10'
set output 'curves-fashion-mnist.png'
set title 'fashion-mnist: validation accuracy, mean +/- sd over seeds'
set xlabel 'epoch'
set xtics 1
set ylabel 'validation accuracy'
set key outside right
set grid
unset logscale y
plot 'curves-fashion-mnist.dat' index 0 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 1 notitle, \
     'curves-fashion-mnist.dat' index 0 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 1 title 'torch7-seqlstm', \
     'curves-fashion-mnist.dat' index 1 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 2 notitle, \
     'curves-fashion-mnist.dat' index 1 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 2 title 'keras2', \
     'curves-fashion-mnist.dat' index 2 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 3 notitle, \
     'curves-fashion-mnist.dat' index 2 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 3 title 'keras3', \
     'curves-fashion-mnist.dat' index 3 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 4 notitle, \
     'curves-fashion-mnist.dat' index 3 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 4 title 'keras1.2', \
     'curves-fashion-mnist.dat' index 4 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 5 notitle, \
     'curves-fashion-mnist.dat' index 4 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 5 title 'keras1.0', \
     'curves-fashion-mnist.dat' index 5 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 6 notitle, \
     'curves-fashion-mnist.dat' index 5 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 6 title 'flax', \
     'curves-fashion-mnist.dat' index 6 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 7 notitle, \
     'curves-fashion-mnist.dat' index 6 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 7 title 'tf0', \
     'curves-fashion-mnist.dat' index 7 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 8 notitle, \
     'curves-fashion-mnist.dat' index 7 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 8 title 'tf1', \
     'curves-fashion-mnist.dat' index 8 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 9 notitle, \
     'curves-fashion-mnist.dat' index 8 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 9 title 'chainer', \
     'curves-fashion-mnist.dat' index 9 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 10 notitle, \
     'curves-fashion-mnist.dat' index 9 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 10 title 'pytorch', \
     'curves-fashion-mnist.dat' index 10 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 11 notitle, \
     'curves-fashion-mnist.dat' index 10 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 11 title 'lasagne', \
     'curves-fashion-mnist.dat' index 11 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 12 notitle, \
     'curves-fashion-mnist.dat' index 11 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 12 title 'torch7-lstm', \
     'curves-fashion-mnist.dat' index 12 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 13 notitle, \
     'curves-fashion-mnist.dat' index 12 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 13 title 'mxnet-gluon', \
     'curves-fashion-mnist.dat' index 13 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 14 notitle, \
     'curves-fashion-mnist.dat' index 13 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 14 title 'blocks', \
     'curves-fashion-mnist.dat' index 14 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 15 notitle, \
     'curves-fashion-mnist.dat' index 14 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 15 title 'theano-tutorial'
unset output
