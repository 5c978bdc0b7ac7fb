# digits: validation accuracy per epoch, mean +/- sd over seeds, per profile
# Render with: gnuplot curves-digits.gp   (writes curves-digits.svg and curves-digits.png)
set terminal svg size 800,500 dynamic enhanced font 'Helvetica,12'
set output 'curves-digits.svg'
set title 'digits: validation accuracy, mean +/- sd over seeds'
set xlabel 'epoch'
set xtics 1
set ylabel 'validation accuracy'
set key outside right samplen 3 spacing 0.9
set grid
unset logscale y
plot 'curves-digits.dat' index 0 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.12 lc rgb '#525252' notitle, \
     'curves-digits.dat' index 0 using 1:2 with linespoints lw 2 lc rgb '#525252' dt 3 pt 15 ps 0.6 title 'flax', \
     'curves-digits.dat' index 1 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.12 lc rgb '#bcbddc' notitle, \
     'curves-digits.dat' index 1 using 1:2 with linespoints lw 2 lc rgb '#bcbddc' dt 3 pt 2 ps 0.6 title 'theano-tutorial', \
     'curves-digits.dat' index 2 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.12 lc rgb '#54278f' notitle, \
     'curves-digits.dat' index 2 using 1:2 with linespoints lw 2 lc rgb '#54278f' dt 1 pt 10 ps 0.6 title 'lasagne', \
     'curves-digits.dat' index 3 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.12 lc rgb '#3182bd' notitle, \
     'curves-digits.dat' index 3 using 1:2 with linespoints lw 2 lc rgb '#3182bd' dt 2 pt 6 ps 0.6 title 'torch7-lstm', \
     'curves-digits.dat' index 4 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.12 lc rgb '#08519c' notitle, \
     'curves-digits.dat' index 4 using 1:2 with linespoints lw 2 lc rgb '#08519c' dt 1 pt 11 ps 0.6 title 'pytorch', \
     'curves-digits.dat' index 5 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.12 lc rgb '#b2182b' notitle, \
     'curves-digits.dat' index 5 using 1:2 with linespoints lw 2 lc rgb '#b2182b' dt 1 pt 7 ps 0.6 title 'keras1.0', \
     'curves-digits.dat' index 6 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.12 lc rgb '#e34a33' notitle, \
     'curves-digits.dat' index 6 using 1:2 with linespoints lw 2 lc rgb '#e34a33' dt 2 pt 5 ps 0.6 title 'keras1.2', \
     'curves-digits.dat' index 7 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.12 lc rgb '#8c510a' notitle, \
     'curves-digits.dat' index 7 using 1:2 with linespoints lw 2 lc rgb '#8c510a' dt 1 pt 3 ps 0.6 title 'mxnet-gluon', \
     'curves-digits.dat' index 8 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.12 lc rgb '#bf812d' notitle, \
     'curves-digits.dat' index 8 using 1:2 with linespoints lw 2 lc rgb '#bf812d' dt 2 pt 14 ps 0.6 title 'chainer', \
     'curves-digits.dat' index 9 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.12 lc rgb '#6baed6' notitle, \
     'curves-digits.dat' index 9 using 1:2 with linespoints lw 2 lc rgb '#6baed6' dt 3 pt 4 ps 0.6 title 'torch7-seqlstm', \
     'curves-digits.dat' index 10 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.12 lc rgb '#fc8d59' notitle, \
     'curves-digits.dat' index 10 using 1:2 with linespoints lw 2 lc rgb '#fc8d59' dt 3 pt 9 ps 0.6 title 'keras2 = keras3', \
     'curves-digits.dat' index 11 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.12 lc rgb '#807dba' notitle, \
     'curves-digits.dat' index 11 using 1:2 with linespoints lw 2 lc rgb '#807dba' dt 2 pt 1 ps 0.6 title 'blocks', \
     'curves-digits.dat' index 12 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.12 lc rgb '#006d2c' notitle, \
     'curves-digits.dat' index 12 using 1:2 with linespoints lw 2 lc rgb '#006d2c' dt 1 pt 8 ps 0.6 title 'tf0', \
     'curves-digits.dat' index 13 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.12 lc rgb '#41ab5d' notitle, \
     'curves-digits.dat' index 13 using 1:2 with linespoints lw 2 lc rgb '#41ab5d' dt 2 pt 12 ps 0.6 title 'tf1'
set terminal pngcairo size 800,500 enhanced font 'Helvetica,10'
set output 'curves-digits.png'
set title 'digits: validation accuracy, mean +/- sd over seeds'
set xlabel 'epoch'
set xtics 1
set ylabel 'validation accuracy'
set key outside right samplen 3 spacing 0.9
set grid
unset logscale y
plot 'curves-digits.dat' index 0 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.12 lc rgb '#525252' notitle, \
     'curves-digits.dat' index 0 using 1:2 with linespoints lw 2 lc rgb '#525252' dt 3 pt 15 ps 0.6 title 'flax', \
     'curves-digits.dat' index 1 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.12 lc rgb '#bcbddc' notitle, \
     'curves-digits.dat' index 1 using 1:2 with linespoints lw 2 lc rgb '#bcbddc' dt 3 pt 2 ps 0.6 title 'theano-tutorial', \
     'curves-digits.dat' index 2 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.12 lc rgb '#54278f' notitle, \
     'curves-digits.dat' index 2 using 1:2 with linespoints lw 2 lc rgb '#54278f' dt 1 pt 10 ps 0.6 title 'lasagne', \
     'curves-digits.dat' index 3 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.12 lc rgb '#3182bd' notitle, \
     'curves-digits.dat' index 3 using 1:2 with linespoints lw 2 lc rgb '#3182bd' dt 2 pt 6 ps 0.6 title 'torch7-lstm', \
     'curves-digits.dat' index 4 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.12 lc rgb '#08519c' notitle, \
     'curves-digits.dat' index 4 using 1:2 with linespoints lw 2 lc rgb '#08519c' dt 1 pt 11 ps 0.6 title 'pytorch', \
     'curves-digits.dat' index 5 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.12 lc rgb '#b2182b' notitle, \
     'curves-digits.dat' index 5 using 1:2 with linespoints lw 2 lc rgb '#b2182b' dt 1 pt 7 ps 0.6 title 'keras1.0', \
     'curves-digits.dat' index 6 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.12 lc rgb '#e34a33' notitle, \
     'curves-digits.dat' index 6 using 1:2 with linespoints lw 2 lc rgb '#e34a33' dt 2 pt 5 ps 0.6 title 'keras1.2', \
     'curves-digits.dat' index 7 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.12 lc rgb '#8c510a' notitle, \
     'curves-digits.dat' index 7 using 1:2 with linespoints lw 2 lc rgb '#8c510a' dt 1 pt 3 ps 0.6 title 'mxnet-gluon', \
     'curves-digits.dat' index 8 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.12 lc rgb '#bf812d' notitle, \
     'curves-digits.dat' index 8 using 1:2 with linespoints lw 2 lc rgb '#bf812d' dt 2 pt 14 ps 0.6 title 'chainer', \
     'curves-digits.dat' index 9 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.12 lc rgb '#6baed6' notitle, \
     'curves-digits.dat' index 9 using 1:2 with linespoints lw 2 lc rgb '#6baed6' dt 3 pt 4 ps 0.6 title 'torch7-seqlstm', \
     'curves-digits.dat' index 10 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.12 lc rgb '#fc8d59' notitle, \
     'curves-digits.dat' index 10 using 1:2 with linespoints lw 2 lc rgb '#fc8d59' dt 3 pt 9 ps 0.6 title 'keras2 = keras3', \
     'curves-digits.dat' index 11 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.12 lc rgb '#807dba' notitle, \
     'curves-digits.dat' index 11 using 1:2 with linespoints lw 2 lc rgb '#807dba' dt 2 pt 1 ps 0.6 title 'blocks', \
     'curves-digits.dat' index 12 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.12 lc rgb '#006d2c' notitle, \
     'curves-digits.dat' index 12 using 1:2 with linespoints lw 2 lc rgb '#006d2c' dt 1 pt 8 ps 0.6 title 'tf0', \
     'curves-digits.dat' index 13 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.12 lc rgb '#41ab5d' notitle, \
     'curves-digits.dat' index 13 using 1:2 with linespoints lw 2 lc rgb '#41ab5d' dt 2 pt 12 ps 0.6 title 'tf1'
unset output
