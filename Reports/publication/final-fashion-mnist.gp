# fashion-mnist: distribution of the test accuracy over seeds, per profile
# Render with: gnuplot final-fashion-mnist.gp   (writes final-fashion-mnist.svg and final-fashion-mnist.png)
set terminal svg size 800,500 dynamic enhanced font 'Helvetica,12'
set output 'final-fashion-mnist.svg'
set title 'fashion-mnist: test accuracy per run (diverged runs excluded)'
set ylabel 'test accuracy'
set xtics ('torch7-seqlstm' 1, 'keras2' 2, 'keras3' 3, 'keras1.2' 4, 'keras1.0' 5, 'flax' 6, 'tf0' 7, 'tf1' 8, 'chainer' 9, 'pytorch' 10, 'lasagne' 11, 'torch7-lstm' 12, 'mxnet-gluon' 13, 'blocks' 14, 'theano-tutorial' 15) rotate by -30
set xrange [0.3:15.7]
set style fill solid 0.3 border -1
set boxwidth 0.5
set grid ytics
unset key
plot 'final-fashion-mnist-box.dat' using 1:2:3:4:5:1 with candlesticks lc variable whiskerbars, \
     'final-fashion-mnist-box.dat' using 1:6:6:6:6 with candlesticks lt -1 lw 2, \
     for [i=0:14] 'final-fashion-mnist.dat' index i using (i+1):1 with points pt 7 ps 0.6 lc rgb 'black'
set terminal pngcairo size 800,500 enhanced font 'Helvetica,10'
set output 'final-fashion-mnist.png'
set title 'fashion-mnist: test accuracy per run (diverged runs excluded)'
set ylabel 'test accuracy'
set xtics ('torch7-seqlstm' 1, 'keras2' 2, 'keras3' 3, 'keras1.2' 4, 'keras1.0' 5, 'flax' 6, 'tf0' 7, 'tf1' 8, 'chainer' 9, 'pytorch' 10, 'lasagne' 11, 'torch7-lstm' 12, 'mxnet-gluon' 13, 'blocks' 14, 'theano-tutorial' 15) rotate by -30
set xrange [0.3:15.7]
set style fill solid 0.3 border -1
set boxwidth 0.5
set grid ytics
unset key
plot 'final-fashion-mnist-box.dat' using 1:2:3:4:5:1 with candlesticks lc variable whiskerbars, \
     'final-fashion-mnist-box.dat' using 1:6:6:6:6 with candlesticks lt -1 lw 2, \
     for [i=0:14] 'final-fashion-mnist.dat' index i using (i+1):1 with points pt 7 ps 0.6 lc rgb 'black'
unset output
