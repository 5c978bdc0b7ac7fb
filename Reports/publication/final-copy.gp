# copy: distribution of the test cross-entropy over seeds, per profile
# Render with: gnuplot final-copy.gp   (writes final-copy.svg and final-copy.png)
set terminal svg size 800,500 dynamic enhanced font 'Helvetica,12'
set output 'final-copy.svg'
set title 'copy: test cross-entropy per run (diverged runs excluded)'
set ylabel 'test cross-entropy'
set xtics ('keras1.0' 1, 'chainer' 2, 'tf0' 3, 'torch7-seqlstm' 4, 'tf1' 5, 'keras1.2' 6, 'pytorch' 7, 'lasagne' 8, 'torch7-lstm' 9, 'blocks' 10, 'flax' 11, 'mxnet-gluon' 12, 'theano-tutorial' 13, 'keras2' 14, 'keras3' 15) rotate by -30
set xrange [0.3:15.7]
set style fill solid 0.3 border -1
set boxwidth 0.5
set grid ytics
unset key
plot 'final-copy-box.dat' using 1:2:3:4:5:1 with candlesticks lc variable whiskerbars, \
     'final-copy-box.dat' using 1:6:6:6:6 with candlesticks lt -1 lw 2, \
     for [i=0:14] 'final-copy.dat' index i using (i+1):1 with points pt 7 ps 0.6 lc rgb 'black'
set terminal pngcairo size 800,500 enhanced font 'Helvetica,10'
set output 'final-copy.png'
set title 'copy: test cross-entropy per run (diverged runs excluded)'
set ylabel 'test cross-entropy'
set xtics ('keras1.0' 1, 'chainer' 2, 'tf0' 3, 'torch7-seqlstm' 4, 'tf1' 5, 'keras1.2' 6, 'pytorch' 7, 'lasagne' 8, 'torch7-lstm' 9, 'blocks' 10, 'flax' 11, 'mxnet-gluon' 12, 'theano-tutorial' 13, 'keras2' 14, 'keras3' 15) rotate by -30
set xrange [0.3:15.7]
set style fill solid 0.3 border -1
set boxwidth 0.5
set grid ytics
unset key
plot 'final-copy-box.dat' using 1:2:3:4:5:1 with candlesticks lc variable whiskerbars, \
     'final-copy-box.dat' using 1:6:6:6:6 with candlesticks lt -1 lw 2, \
     for [i=0:14] 'final-copy.dat' index i using (i+1):1 with points pt 7 ps 0.6 lc rgb 'black'
unset output
