# adding: distribution of the test mse over seeds, per profile
# Render with: gnuplot final-adding.gp   (writes final-adding.svg and final-adding.png)
set terminal svg size 800,500 dynamic enhanced font 'Helvetica,12'
set output 'final-adding.svg'
set title 'adding: test mse per run (diverged runs excluded)'
set ylabel 'test mse'
set xtics ('chainer' 1, 'torch7-seqlstm' 2, 'keras1.2' 3, 'tf1' 4, 'torch7-lstm' 5, 'tf0' 6, 'keras1.0' 7, 'flax' 8, 'keras2 = keras3' 9, 'pytorch' 10, 'theano-tutorial' 11, 'lasagne' 12, 'mxnet-gluon' 13, 'blocks' 14) rotate by -30
set xrange [0.3:14.7]
set style fill solid 0.3 border -1
set boxwidth 0.5
set grid ytics
unset key
plot 'final-adding-box.dat' using 1:2:3:4:5:7 with candlesticks lc rgb variable whiskerbars, \
     'final-adding-box.dat' using 1:6:6:6:6 with candlesticks lt -1 lw 2, \
     'final-adding.dat' index 0 using (1):1 with points lc rgb '#bf812d' pt 14 ps 0.8, \
     'final-adding.dat' index 1 using (2):1 with points lc rgb '#6baed6' pt 4 ps 0.8, \
     'final-adding.dat' index 2 using (3):1 with points lc rgb '#e34a33' pt 5 ps 0.8, \
     'final-adding.dat' index 3 using (4):1 with points lc rgb '#41ab5d' pt 12 ps 0.8, \
     'final-adding.dat' index 4 using (5):1 with points lc rgb '#3182bd' pt 6 ps 0.8, \
     'final-adding.dat' index 5 using (6):1 with points lc rgb '#006d2c' pt 8 ps 0.8, \
     'final-adding.dat' index 6 using (7):1 with points lc rgb '#b2182b' pt 7 ps 0.8, \
     'final-adding.dat' index 7 using (8):1 with points lc rgb '#525252' pt 15 ps 0.8, \
     'final-adding.dat' index 8 using (9):1 with points lc rgb '#fc8d59' pt 9 ps 0.8, \
     'final-adding.dat' index 9 using (10):1 with points lc rgb '#08519c' pt 11 ps 0.8, \
     'final-adding.dat' index 10 using (11):1 with points lc rgb '#bcbddc' pt 2 ps 0.8, \
     'final-adding.dat' index 11 using (12):1 with points lc rgb '#54278f' pt 10 ps 0.8, \
     'final-adding.dat' index 12 using (13):1 with points lc rgb '#8c510a' pt 3 ps 0.8, \
     'final-adding.dat' index 13 using (14):1 with points lc rgb '#807dba' pt 1 ps 0.8
set terminal pngcairo size 800,500 enhanced font 'Helvetica,10'
set output 'final-adding.png'
set title 'adding: test mse per run (diverged runs excluded)'
set ylabel 'test mse'
set xtics ('chainer' 1, 'torch7-seqlstm' 2, 'keras1.2' 3, 'tf1' 4, 'torch7-lstm' 5, 'tf0' 6, 'keras1.0' 7, 'flax' 8, 'keras2 = keras3' 9, 'pytorch' 10, 'theano-tutorial' 11, 'lasagne' 12, 'mxnet-gluon' 13, 'blocks' 14) rotate by -30
set xrange [0.3:14.7]
set style fill solid 0.3 border -1
set boxwidth 0.5
set grid ytics
unset key
plot 'final-adding-box.dat' using 1:2:3:4:5:7 with candlesticks lc rgb variable whiskerbars, \
     'final-adding-box.dat' using 1:6:6:6:6 with candlesticks lt -1 lw 2, \
     'final-adding.dat' index 0 using (1):1 with points lc rgb '#bf812d' pt 14 ps 0.8, \
     'final-adding.dat' index 1 using (2):1 with points lc rgb '#6baed6' pt 4 ps 0.8, \
     'final-adding.dat' index 2 using (3):1 with points lc rgb '#e34a33' pt 5 ps 0.8, \
     'final-adding.dat' index 3 using (4):1 with points lc rgb '#41ab5d' pt 12 ps 0.8, \
     'final-adding.dat' index 4 using (5):1 with points lc rgb '#3182bd' pt 6 ps 0.8, \
     'final-adding.dat' index 5 using (6):1 with points lc rgb '#006d2c' pt 8 ps 0.8, \
     'final-adding.dat' index 6 using (7):1 with points lc rgb '#b2182b' pt 7 ps 0.8, \
     'final-adding.dat' index 7 using (8):1 with points lc rgb '#525252' pt 15 ps 0.8, \
     'final-adding.dat' index 8 using (9):1 with points lc rgb '#fc8d59' pt 9 ps 0.8, \
     'final-adding.dat' index 9 using (10):1 with points lc rgb '#08519c' pt 11 ps 0.8, \
     'final-adding.dat' index 10 using (11):1 with points lc rgb '#bcbddc' pt 2 ps 0.8, \
     'final-adding.dat' index 11 using (12):1 with points lc rgb '#54278f' pt 10 ps 0.8, \
     'final-adding.dat' index 12 using (13):1 with points lc rgb '#8c510a' pt 3 ps 0.8, \
     'final-adding.dat' index 13 using (14):1 with points lc rgb '#807dba' pt 1 ps 0.8
unset output
