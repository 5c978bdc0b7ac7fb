# shakespeare: distribution of the test nats/char over seeds, per profile
# Render with: gnuplot final-shakespeare.gp   (writes final-shakespeare.svg and final-shakespeare.png)
set terminal svg size 800,500 dynamic enhanced font 'Helvetica,12'
set output 'final-shakespeare.svg'
set title 'shakespeare: test nats/char per run (diverged runs excluded)'
set ylabel 'test nats/char'
set xtics ('pytorch' 1, 'torch7-lstm' 2, 'keras1.2' 3, 'lasagne' 4, 'theano-tutorial' 5, 'flax' 6, 'keras1.0' 7, 'chainer' 8, 'torch7-seqlstm' 9, 'mxnet-gluon' 10, 'keras2' 11, 'keras3' 12, 'blocks' 13, 'tf0' 14, 'tf1' 15) rotate by -30
set xrange [0.3:15.7]
set style fill solid 0.3 border -1
set boxwidth 0.5
set grid ytics
unset key
plot 'final-shakespeare-box.dat' using 1:2:3:4:5:1 with candlesticks lc variable whiskerbars, \
     'final-shakespeare-box.dat' using 1:6:6:6:6 with candlesticks lt -1 lw 2, \
     for [i=0:14] 'final-shakespeare.dat' index i using (i+1):1 with points pt 7 ps 0.6 lc rgb 'black'
set terminal pngcairo size 800,500 enhanced font 'Helvetica,10'
set output 'final-shakespeare.png'
set title 'shakespeare: test nats/char per run (diverged runs excluded)'
set ylabel 'test nats/char'
set xtics ('pytorch' 1, 'torch7-lstm' 2, 'keras1.2' 3, 'lasagne' 4, 'theano-tutorial' 5, 'flax' 6, 'keras1.0' 7, 'chainer' 8, 'torch7-seqlstm' 9, 'mxnet-gluon' 10, 'keras2' 11, 'keras3' 12, 'blocks' 13, 'tf0' 14, 'tf1' 15) rotate by -30
set xrange [0.3:15.7]
set style fill solid 0.3 border -1
set boxwidth 0.5
set grid ytics
unset key
plot 'final-shakespeare-box.dat' using 1:2:3:4:5:1 with candlesticks lc variable whiskerbars, \
     'final-shakespeare-box.dat' using 1:6:6:6:6 with candlesticks lt -1 lw 2, \
     for [i=0:14] 'final-shakespeare.dat' index i using (i+1):1 with points pt 7 ps 0.6 lc rgb 'black'
unset output
