# shakespeare: global gradient norm (mean per epoch) per epoch, mean +/- sd over seeds, per profile
# Render with: gnuplot gradnorm-shakespeare.gp   (writes gradnorm-shakespeare.svg and gradnorm-shakespeare.png)
set terminal svg size 800,500 dynamic enhanced font 'Helvetica,12'
set output 'gradnorm-shakespeare.svg'
set title 'shakespeare: global gradient norm (mean per epoch), mean +/- sd over seeds'
set xlabel 'epoch'
set xtics 1
set ylabel 'global gradient norm (mean per epoch)'
set key outside right
set grid
set logscale y
plot 'gradnorm-shakespeare.dat' index 0 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 1 notitle, \
     'gradnorm-shakespeare.dat' index 0 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 1 title 'pytorch', \
     'gradnorm-shakespeare.dat' index 1 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 2 notitle, \
     'gradnorm-shakespeare.dat' index 1 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 2 title 'torch7-lstm', \
     'gradnorm-shakespeare.dat' index 2 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 3 notitle, \
     'gradnorm-shakespeare.dat' index 2 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 3 title 'keras1.2', \
     'gradnorm-shakespeare.dat' index 3 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 4 notitle, \
     'gradnorm-shakespeare.dat' index 3 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 4 title 'lasagne', \
     'gradnorm-shakespeare.dat' index 4 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 5 notitle, \
     'gradnorm-shakespeare.dat' index 4 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 5 title 'theano-tutorial', \
     'gradnorm-shakespeare.dat' index 5 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 6 notitle, \
     'gradnorm-shakespeare.dat' index 5 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 6 title 'flax', \
     'gradnorm-shakespeare.dat' index 6 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 7 notitle, \
     'gradnorm-shakespeare.dat' index 6 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 7 title 'keras1.0', \
     'gradnorm-shakespeare.dat' index 7 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 8 notitle, \
     'gradnorm-shakespeare.dat' index 7 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 8 title 'chainer', \
     'gradnorm-shakespeare.dat' index 8 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 9 notitle, \
     'gradnorm-shakespeare.dat' index 8 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 9 title 'torch7-seqlstm', \
     'gradnorm-shakespeare.dat' index 9 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 10 notitle, \
     'gradnorm-shakespeare.dat' index 9 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 10 title 'mxnet-gluon', \
     'gradnorm-shakespeare.dat' index 10 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 11 notitle, \
     'gradnorm-shakespeare.dat' index 10 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 11 title 'keras2', \
     'gradnorm-shakespeare.dat' index 11 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 12 notitle, \
     'gradnorm-shakespeare.dat' index 11 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 12 title 'keras3', \
     'gradnorm-shakespeare.dat' index 12 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 13 notitle, \
     'gradnorm-shakespeare.dat' index 12 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 13 title 'blocks', \
     'gradnorm-shakespeare.dat' index 13 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 14 notitle, \
     'gradnorm-shakespeare.dat' index 13 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 14 title 'tf0', \
     'gradnorm-shakespeare.dat' index 14 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 15 notitle, \
     'gradnorm-shakespeare.dat' index 14 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 15 title 'tf1'
set terminal pngcairo size 800,500 enhanced font 'Helvetica,10'
set output 'gradnorm-shakespeare.png'
set title 'shakespeare: global gradient norm (mean per epoch), mean +/- sd over seeds'
set xlabel 'epoch'
set xtics 1
set ylabel 'global gradient norm (mean per epoch)'
set key outside right
set grid
set logscale y
plot 'gradnorm-shakespeare.dat' index 0 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 1 notitle, \
     'gradnorm-shakespeare.dat' index 0 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 1 title 'pytorch', \
     'gradnorm-shakespeare.dat' index 1 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 2 notitle, \
     'gradnorm-shakespeare.dat' index 1 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 2 title 'torch7-lstm', \
     'gradnorm-shakespeare.dat' index 2 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 3 notitle, \
     'gradnorm-shakespeare.dat' index 2 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 3 title 'keras1.2', \
     'gradnorm-shakespeare.dat' index 3 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 4 notitle, \
     'gradnorm-shakespeare.dat' index 3 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 4 title 'lasagne', \
     'gradnorm-shakespeare.dat' index 4 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 5 notitle, \
     'gradnorm-shakespeare.dat' index 4 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 5 title 'theano-tutorial', \
     'gradnorm-shakespeare.dat' index 5 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 6 notitle, \
     'gradnorm-shakespeare.dat' index 5 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 6 title 'flax', \
     'gradnorm-shakespeare.dat' index 6 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 7 notitle, \
     'gradnorm-shakespeare.dat' index 6 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 7 title 'keras1.0', \
     'gradnorm-shakespeare.dat' index 7 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 8 notitle, \
     'gradnorm-shakespeare.dat' index 7 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 8 title 'chainer', \
     'gradnorm-shakespeare.dat' index 8 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 9 notitle, \
     'gradnorm-shakespeare.dat' index 8 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 9 title 'torch7-seqlstm', \
     'gradnorm-shakespeare.dat' index 9 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 10 notitle, \
     'gradnorm-shakespeare.dat' index 9 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 10 title 'mxnet-gluon', \
     'gradnorm-shakespeare.dat' index 10 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 11 notitle, \
     'gradnorm-shakespeare.dat' index 10 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 11 title 'keras2', \
     'gradnorm-shakespeare.dat' index 11 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 12 notitle, \
     'gradnorm-shakespeare.dat' index 11 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 12 title 'keras3', \
     'gradnorm-shakespeare.dat' index 12 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 13 notitle, \
     'gradnorm-shakespeare.dat' index 12 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 13 title 'blocks', \
     'gradnorm-shakespeare.dat' index 13 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 14 notitle, \
     'gradnorm-shakespeare.dat' index 13 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 14 title 'tf0', \
     'gradnorm-shakespeare.dat' index 14 using 1:($2-$3 > 0 ? $2-$3 : $2/10):($2+$3) with filledcurves fs transparent solid 0.15 lc 15 notitle, \
     'gradnorm-shakespeare.dat' index 14 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc 15 title 'tf1'
unset output
