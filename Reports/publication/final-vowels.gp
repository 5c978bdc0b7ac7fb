# vowels: distribution of the test accuracy over seeds, per profile
# Render with: gnuplot final-vowels.gp   (writes final-vowels.svg and final-vowels.png)
set terminal svg size 800,500 dynamic enhanced font 'Helvetica,12'
set output 'final-vowels.svg'
set title 'vowels: test accuracy per run (diverged runs excluded)'
set ylabel 'test accuracy'
set xtics ('chainer' 1, 'torch7-lstm' 2, 'tf1' 3, 'keras2' 4, 'keras3' 5, 'keras1.0' 6, 'tf0' 7, 'lasagne' 8, 'theano-tutorial' 9, 'pytorch' 10, 'keras1.2' 11, 'flax' 12, 'torch7-seqlstm' 13, 'mxnet-gluon' 14, 'blocks' 15) rotate by -30
set xrange [0.3:15.7]
set style fill solid 0.3 border -1
set boxwidth 0.5
set grid ytics
unset key
plot 'final-vowels-box.dat' using 1:2:3:4:5:1 with candlesticks lc variable whiskerbars, \
     'final-vowels-box.dat' using 1:6:6:6:6 with candlesticks lt -1 lw 2, \
     for [i=0:14] 'final-vowels.dat' index i using (i+1):1 with points pt 7 ps 0.6 lc rgb 'black'
set terminal pngcairo size 800,500 enhanced font 'Helvetica,10'
set output 'final-vowels.png'
set title 'vowels: test accuracy per run (diverged runs excluded)'
set ylabel 'test accuracy'
set xtics ('chainer' 1, 'torch7-lstm' 2, 'tf1' 3, 'keras2' 4, 'keras3' 5, 'keras1.0' 6, 'tf0' 7, 'lasagne' 8, 'theano-tutorial' 9, 'pytorch' 10, 'keras1.2' 11, 'flax' 12, 'torch7-seqlstm' 13, 'mxnet-gluon' 14, 'blocks' 15) rotate by -30
set xrange [0.3:15.7]
set style fill solid 0.3 border -1
set boxwidth 0.5
set grid ytics
unset key
plot 'final-vowels-box.dat' using 1:2:3:4:5:1 with candlesticks lc variable whiskerbars, \
     'final-vowels-box.dat' using 1:6:6:6:6 with candlesticks lt -1 lw 2, \
     for [i=0:14] 'final-vowels.dat' index i using (i+1):1 with points pt 7 ps 0.6 lc rgb 'black'
unset output
