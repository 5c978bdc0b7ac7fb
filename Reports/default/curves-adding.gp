# adding: validation mse per epoch, mean +/- sd over seeds, per profile
# Render with: gnuplot curves-adding.gp   (writes curves-adding.svg and curves-adding.png)
set terminal svg size 800,500 dynamic enhanced font 'Helvetica,12'
set output 'curves-adding.svg'
set title 'adding: validation mse, mean +/- sd over seeds'
set xlabel 'epoch'
set xtics 1
set ylabel 'validation mse'
set key outside right samplen 3 spacing 0.9
set grid
unset logscale y
plot 'curves-adding.dat' index 0 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.12 lc rgb '#bf812d' notitle, \
     'curves-adding.dat' index 0 using 1:2 with linespoints lw 2 lc rgb '#bf812d' dt 2 pt 14 ps 0.6 title 'chainer', \
     'curves-adding.dat' index 1 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.12 lc rgb '#6baed6' notitle, \
     'curves-adding.dat' index 1 using 1:2 with linespoints lw 2 lc rgb '#6baed6' dt 3 pt 4 ps 0.6 title 'torch7-seqlstm', \
     'curves-adding.dat' index 2 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.12 lc rgb '#e34a33' notitle, \
     'curves-adding.dat' index 2 using 1:2 with linespoints lw 2 lc rgb '#e34a33' dt 2 pt 5 ps 0.6 title 'keras1.2', \
     'curves-adding.dat' index 3 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.12 lc rgb '#41ab5d' notitle, \
     'curves-adding.dat' index 3 using 1:2 with linespoints lw 2 lc rgb '#41ab5d' dt 2 pt 12 ps 0.6 title 'tf1', \
     'curves-adding.dat' index 4 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.12 lc rgb '#3182bd' notitle, \
     'curves-adding.dat' index 4 using 1:2 with linespoints lw 2 lc rgb '#3182bd' dt 2 pt 6 ps 0.6 title 'torch7-lstm', \
     'curves-adding.dat' index 5 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.12 lc rgb '#006d2c' notitle, \
     'curves-adding.dat' index 5 using 1:2 with linespoints lw 2 lc rgb '#006d2c' dt 1 pt 8 ps 0.6 title 'tf0', \
     'curves-adding.dat' index 6 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.12 lc rgb '#b2182b' notitle, \
     'curves-adding.dat' index 6 using 1:2 with linespoints lw 2 lc rgb '#b2182b' dt 1 pt 7 ps 0.6 title 'keras1.0', \
     'curves-adding.dat' index 7 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.12 lc rgb '#525252' notitle, \
     'curves-adding.dat' index 7 using 1:2 with linespoints lw 2 lc rgb '#525252' dt 3 pt 15 ps 0.6 title 'flax', \
     'curves-adding.dat' index 8 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.12 lc rgb '#fc8d59' notitle, \
     'curves-adding.dat' index 8 using 1:2 with linespoints lw 2 lc rgb '#fc8d59' dt 3 pt 9 ps 0.6 title 'keras2 = keras3', \
     'curves-adding.dat' index 9 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.12 lc rgb '#08519c' notitle, \
     'curves-adding.dat' index 9 using 1:2 with linespoints lw 2 lc rgb '#08519c' dt 1 pt 11 ps 0.6 title 'pytorch', \
     'curves-adding.dat' index 10 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.12 lc rgb '#bcbddc' notitle, \
     'curves-adding.dat' index 10 using 1:2 with linespoints lw 2 lc rgb '#bcbddc' dt 3 pt 2 ps 0.6 title 'theano-tutorial', \
     'curves-adding.dat' index 11 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.12 lc rgb '#54278f' notitle, \
     'curves-adding.dat' index 11 using 1:2 with linespoints lw 2 lc rgb '#54278f' dt 1 pt 10 ps 0.6 title 'lasagne', \
     'curves-adding.dat' index 12 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.12 lc rgb '#8c510a' notitle, \
     'curves-adding.dat' index 12 using 1:2 with linespoints lw 2 lc rgb '#8c510a' dt 1 pt 3 ps 0.6 title 'mxnet-gluon', \
     'curves-adding.dat' index 13 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.12 lc rgb '#807dba' notitle, \
     'curves-adding.dat' index 13 using 1:2 with linespoints lw 2 lc rgb '#807dba' dt 2 pt 1 ps 0.6 title 'blocks'
set terminal pngcairo size 800,500 enhanced font 'Helvetica,10'
set output 'curves-adding.png'
set title 'adding: validation mse, mean +/- sd over seeds'
set xlabel 'epoch'
set xtics 1
set ylabel 'validation mse'
set key outside right samplen 3 spacing 0.9
set grid
unset logscale y
plot 'curves-adding.dat' index 0 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.12 lc rgb '#bf812d' notitle, \
     'curves-adding.dat' index 0 using 1:2 with linespoints lw 2 lc rgb '#bf812d' dt 2 pt 14 ps 0.6 title 'chainer', \
     'curves-adding.dat' index 1 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.12 lc rgb '#6baed6' notitle, \
     'curves-adding.dat' index 1 using 1:2 with linespoints lw 2 lc rgb '#6baed6' dt 3 pt 4 ps 0.6 title 'torch7-seqlstm', \
     'curves-adding.dat' index 2 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.12 lc rgb '#e34a33' notitle, \
     'curves-adding.dat' index 2 using 1:2 with linespoints lw 2 lc rgb '#e34a33' dt 2 pt 5 ps 0.6 title 'keras1.2', \
     'curves-adding.dat' index 3 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.12 lc rgb '#41ab5d' notitle, \
     'curves-adding.dat' index 3 using 1:2 with linespoints lw 2 lc rgb '#41ab5d' dt 2 pt 12 ps 0.6 title 'tf1', \
     'curves-adding.dat' index 4 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.12 lc rgb '#3182bd' notitle, \
     'curves-adding.dat' index 4 using 1:2 with linespoints lw 2 lc rgb '#3182bd' dt 2 pt 6 ps 0.6 title 'torch7-lstm', \
     'curves-adding.dat' index 5 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.12 lc rgb '#006d2c' notitle, \
     'curves-adding.dat' index 5 using 1:2 with linespoints lw 2 lc rgb '#006d2c' dt 1 pt 8 ps 0.6 title 'tf0', \
     'curves-adding.dat' index 6 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.12 lc rgb '#b2182b' notitle, \
     'curves-adding.dat' index 6 using 1:2 with linespoints lw 2 lc rgb '#b2182b' dt 1 pt 7 ps 0.6 title 'keras1.0', \
     'curves-adding.dat' index 7 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.12 lc rgb '#525252' notitle, \
     'curves-adding.dat' index 7 using 1:2 with linespoints lw 2 lc rgb '#525252' dt 3 pt 15 ps 0.6 title 'flax', \
     'curves-adding.dat' index 8 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.12 lc rgb '#fc8d59' notitle, \
     'curves-adding.dat' index 8 using 1:2 with linespoints lw 2 lc rgb '#fc8d59' dt 3 pt 9 ps 0.6 title 'keras2 = keras3', \
     'curves-adding.dat' index 9 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.12 lc rgb '#08519c' notitle, \
     'curves-adding.dat' index 9 using 1:2 with linespoints lw 2 lc rgb '#08519c' dt 1 pt 11 ps 0.6 title 'pytorch', \
     'curves-adding.dat' index 10 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.12 lc rgb '#bcbddc' notitle, \
     'curves-adding.dat' index 10 using 1:2 with linespoints lw 2 lc rgb '#bcbddc' dt 3 pt 2 ps 0.6 title 'theano-tutorial', \
     'curves-adding.dat' index 11 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.12 lc rgb '#54278f' notitle, \
     'curves-adding.dat' index 11 using 1:2 with linespoints lw 2 lc rgb '#54278f' dt 1 pt 10 ps 0.6 title 'lasagne', \
     'curves-adding.dat' index 12 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.12 lc rgb '#8c510a' notitle, \
     'curves-adding.dat' index 12 using 1:2 with linespoints lw 2 lc rgb '#8c510a' dt 1 pt 3 ps 0.6 title 'mxnet-gluon', \
     'curves-adding.dat' index 13 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.12 lc rgb '#807dba' notitle, \
     'curves-adding.dat' index 13 using 1:2 with linespoints lw 2 lc rgb '#807dba' dt 2 pt 1 ps 0.6 title 'blocks'
unset output
