# adding: distribution of the test mse over seeds, per profile
# Render with: gnuplot final-adding.gp   (writes final-adding.svg and final-adding.png)
set terminal svg size 800,500 dynamic enhanced font 'Helvetica,12'
set output 'final-adding.svg'
set title 'adding: test mse per run (diverged runs excluded)'
set ylabel 'test mse'
set xtics ('chainer' 1, 'torch7-seqlstm' 2, 'tf0' 3, 'tf1' 4, 'keras1.0' 5, 'torch7-lstm' 6, 'keras1.2' 7, 'flax' 8, 'keras2' 9, 'keras3' 10, 'theano-tutorial' 11, 'pytorch' 12, 'lasagne' 13, 'mxnet-gluon' 14, 'blocks' 15) rotate by -30
set xrange [0.3:15.7]
set style fill solid 0.3 border -1
set boxwidth 0.5
set grid ytics
unset key
plot 'final-adding-box.dat' using 1:2:3:4:5:1 with candlesticks lc variable whiskerbars, \
     'final-adding-box.dat' using 1:6:6:6:6 with candlesticks lt -1 lw 2, \
     for [i=0:14] 'final-adding.dat' index i using (i+1):1 with points pt 7 ps 0.6 lc rgb 'black'
set terminal pngcairo size 800,500 enhanced font 'Helvetica,10'
set output 'final-adding.png'
set title 'adding: test mse per run (diverged runs excluded)'
set ylabel 'test mse'
set xtics ('chainer' 1, 'torch7-seqlstm' 2, 'tf0' 3, 'tf1' 4, 'keras1.0' 5, 'torch7-lstm' 6, 'keras1.2' 7, 'flax' 8, 'keras2' 9, 'keras3' 10, 'theano-tutorial' 11, 'pytorch' 12, 'lasagne' 13, 'mxnet-gluon' 14, 'blocks' 15) rotate by -30
set xrange [0.3:15.7]
set style fill solid 0.3 border -1
set boxwidth 0.5
set grid ytics
unset key
plot 'final-adding-box.dat' using 1:2:3:4:5:1 with candlesticks lc variable whiskerbars, \
     'final-adding-box.dat' using 1:6:6:6:6 with candlesticks lt -1 lw 2, \
     for [i=0:14] 'final-adding.dat' index i using (i+1):1 with points pt 7 ps 0.6 lc rgb 'black'
unset output
