# shakespeare: validation nats/char per epoch, mean +/- sd over seeds, per profile
# Render with: gnuplot curves-shakespeare.gp   (writes curves-shakespeare.svg and curves-shakespeare.png)
set terminal svg size 800,500 dynamic enhanced font 'Helvetica,12'
set output 'curves-shakespeare.svg'
set title 'shakespeare: validation nats/char, mean +/- sd over seeds'
set xlabel 'epoch'
set xtics 1
set ylabel 'validation nats/char'
set key outside right
set grid
unset logscale y
plot 'curves-shakespeare.dat' index 0 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 1 notitle, \
     'curves-shakespeare.dat' index 0 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 1 title 'pytorch', \
     'curves-shakespeare.dat' index 1 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 2 notitle, \
     'curves-shakespeare.dat' index 1 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 2 title 'torch7-lstm', \
     'curves-shakespeare.dat' index 2 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 3 notitle, \
     'curves-shakespeare.dat' index 2 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 3 title 'keras1.2', \
     'curves-shakespeare.dat' index 3 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 4 notitle, \
     'curves-shakespeare.dat' index 3 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 4 title 'lasagne', \
     'curves-shakespeare.dat' index 4 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 5 notitle, \
     'curves-shakespeare.dat' index 4 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 5 title 'theano-tutorial', \
     'curves-shakespeare.dat' index 5 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 6 notitle, \
     'curves-shakespeare.dat' index 5 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 6 title 'flax', \
     'curves-shakespeare.dat' index 6 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 7 notitle, \
     'curves-shakespeare.dat' index 6 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 7 title 'keras1.0', \
     'curves-shakespeare.dat' index 7 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 8 notitle, \
     'curves-shakespeare.dat' index 7 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 8 title 'chainer', \
     'curves-shakespeare.dat' index 8 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 9 notitle, \
     'curves-shakespeare.dat' index 8 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 9 title 'torch7-seqlstm', \
     'curves-shakespeare.dat' index 9 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 10 notitle, \
     'curves-shakespeare.dat' index 9 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 10 title 'mxnet-gluon', \
     'curves-shakespeare.dat' index 10 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 11 notitle, \
     'curves-shakespeare.dat' index 10 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 11 title 'keras2', \
     'curves-shakespeare.dat' index 11 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 12 notitle, \
     'curves-shakespeare.dat' index 11 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 12 title 'keras3', \
     'curves-shakespeare.dat' index 12 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 13 notitle, \
     'curves-shakespeare.dat' index 12 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 13 title 'blocks', \
     'curves-shakespeare.dat' index 13 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 14 notitle, \
     'curves-shakespeare.dat' index 13 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 14 title 'tf0', \
     'curves-shakespeare.dat' index 14 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 15 notitle, \
     'curves-shakespeare.dat' index 14 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 15 title 'tf1'
set terminal pngcairo size 800,500 enhanced font 'Helvetica,10'
set output 'curves-shakespeare.png'
set title 'shakespeare: validation nats/char, mean +/- sd over seeds'
set xlabel 'epoch'
set xtics 1
set ylabel 'validation nats/char'
set key outside right
set grid
unset logscale y
plot 'curves-shakespeare.dat' index 0 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 1 notitle, \
     'curves-shakespeare.dat' index 0 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 1 title 'pytorch', \
     'curves-shakespeare.dat' index 1 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 2 notitle, \
     'curves-shakespeare.dat' index 1 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 2 title 'torch7-lstm', \
     'curves-shakespeare.dat' index 2 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 3 notitle, \
     'curves-shakespeare.dat' index 2 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 3 title 'keras1.2', \
     'curves-shakespeare.dat' index 3 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 4 notitle, \
     'curves-shakespeare.dat' index 3 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 4 title 'lasagne', \
     'curves-shakespeare.dat' index 4 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 5 notitle, \
     'curves-shakespeare.dat' index 4 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 5 title 'theano-tutorial', \
     'curves-shakespeare.dat' index 5 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 6 notitle, \
     'curves-shakespeare.dat' index 5 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 6 title 'flax', \
     'curves-shakespeare.dat' index 6 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 7 notitle, \
     'curves-shakespeare.dat' index 6 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 7 title 'keras1.0', \
     'curves-shakespeare.dat' index 7 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 8 notitle, \
     'curves-shakespeare.dat' index 7 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 8 title 'chainer', \
     'curves-shakespeare.dat' index 8 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 9 notitle, \
     'curves-shakespeare.dat' index 8 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 9 title 'torch7-seqlstm', \
     'curves-shakespeare.dat' index 9 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 10 notitle, \
     'curves-shakespeare.dat' index 9 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 10 title 'mxnet-gluon', \
     'curves-shakespeare.dat' index 10 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 11 notitle, \
     'curves-shakespeare.dat' index 10 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 11 title 'keras2', \
     'curves-shakespeare.dat' index 11 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 12 notitle, \
     'curves-shakespeare.dat' index 11 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 12 title 'keras3', \
     'curves-shakespeare.dat' index 12 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 13 notitle, \
     'curves-shakespeare.dat' index 12 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 13 title 'blocks', \
     'curves-shakespeare.dat' index 13 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 14 notitle, \
     'curves-shakespeare.dat' index 13 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 14 title 'tf0', \
     'curves-shakespeare.dat' index 14 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.15 lc 15 notitle, \
     'curves-shakespeare.dat' index 14 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 15 title 'tf1'
unset output
