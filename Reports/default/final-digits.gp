# digits: distribution of the test accuracy over seeds, per profile
# Render with: gnuplot final-digits.gp   (writes final-digits.svg and final-digits.png)
set terminal svg size 800,500 dynamic enhanced font 'Helvetica,12'
set output 'final-digits.svg'
set title 'digits: test accuracy per run (diverged runs excluded)'
set ylabel 'test accuracy'
set xtics ('flax' 1, 'theano-tutorial' 2, 'lasagne' 3, 'torch7-lstm' 4, 'pytorch' 5, 'keras1.0' 6, 'keras1.2' 7, 'mxnet-gluon' 8, 'chainer' 9, 'torch7-seqlstm' 10, 'keras2' 11, 'keras3' 12, 'blocks' 13, 'tf0' 14, 'tf1' 15) rotate by -30
set xrange [0.3:15.7]
set style fill solid 0.3 border -1
set boxwidth 0.5
set grid ytics
unset key
plot 'final-digits-box.dat' using 1:2:3:4:5:1 with candlesticks lc variable whiskerbars, \
     'final-digits-box.dat' using 1:6:6:6:6 with candlesticks lt -1 lw 2, \
     for [i=0:14] 'final-digits.dat' index i using (i+1):1 with points pt 7 ps 0.6 lc rgb 'black'
set terminal pngcairo size 800,500 enhanced font 'Helvetica,10'
set output 'final-digits.png'
set title 'digits: test accuracy per run (diverged runs excluded)'
set ylabel 'test accuracy'
set xtics ('flax' 1, 'theano-tutorial' 2, 'lasagne' 3, 'torch7-lstm' 4, 'pytorch' 5, 'keras1.0' 6, 'keras1.2' 7, 'mxnet-gluon' 8, 'chainer' 9, 'torch7-seqlstm' 10, 'keras2' 11, 'keras3' 12, 'blocks' 13, 'tf0' 14, 'tf1' 15) rotate by -30
set xrange [0.3:15.7]
set style fill solid 0.3 border -1
set boxwidth 0.5
set grid ytics
unset key
plot 'final-digits-box.dat' using 1:2:3:4:5:1 with candlesticks lc variable whiskerbars, \
     'final-digits-box.dat' using 1:6:6:6:6 with candlesticks lt -1 lw 2, \
     for [i=0:14] 'final-digits.dat' index i using (i+1):1 with points pt 7 ps 0.6 lc rgb 'black'
unset output
