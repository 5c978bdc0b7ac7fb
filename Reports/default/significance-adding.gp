# adding: which profiles differ, by paired t-test over seeds (Holm); red = row better, blue = row worse, pale = not significant; stars mark Holm p < 0.05, 0.01, 0.001
# Render with: gnuplot significance-adding.gp   (writes significance-adding.svg and significance-adding.png)
set terminal svg size 820,760 dynamic enhanced font 'Helvetica,12'
set output 'significance-adding.svg'
set title 'adding: paired t-tests by seed, Holm-adjusted (row vs column)'
set xtics ('chainer' 1, 'torch7-seqlstm' 2, 'keras1.2' 3, 'tf1' 4, 'torch7-lstm' 5, 'tf0' 6, 'keras1.0' 7, 'flax' 8, 'keras2 = keras3' 9, 'pytorch' 10, 'theano-tutorial' 11, 'lasagne' 12, 'mxnet-gluon' 13, 'blocks' 14) rotate by -45 font ',9'
set ytics ('chainer' 1, 'torch7-seqlstm' 2, 'keras1.2' 3, 'tf1' 4, 'torch7-lstm' 5, 'tf0' 6, 'keras1.0' 7, 'flax' 8, 'keras2 = keras3' 9, 'pytorch' 10, 'theano-tutorial' 11, 'lasagne' 12, 'mxnet-gluon' 13, 'blocks' 14) font ',9'
set xrange [0.5:14.5]
set yrange [14.5:0.5]
set cbrange [-4:4]
set cbtics ('1e-4' -4, '0.01' -2, '0.05' -1.301, '1' 0, '0.05' 1.301, '0.01' 2, '1e-4' 4) font ',9'
set cblabel 'Holm p (blue: row worse, red: row better)'
set palette defined (-4 '#08306b', -2 '#4292c6', -1.301 '#c6dbef', -1.3 '#f0f0f0', 1.3 '#f0f0f0', 1.301 '#fcbba1', 2 '#ef3b2c', 4 '#67000d')
set size square
unset key
set tics nomirror
plot 'significance-adding.dat' using 1:2:3 with image, 'significance-adding.dat' using 1:2:4 with labels font ',9'
set terminal pngcairo size 820,760 enhanced font 'Helvetica,10'
set output 'significance-adding.png'
set title 'adding: paired t-tests by seed, Holm-adjusted (row vs column)'
set xtics ('chainer' 1, 'torch7-seqlstm' 2, 'keras1.2' 3, 'tf1' 4, 'torch7-lstm' 5, 'tf0' 6, 'keras1.0' 7, 'flax' 8, 'keras2 = keras3' 9, 'pytorch' 10, 'theano-tutorial' 11, 'lasagne' 12, 'mxnet-gluon' 13, 'blocks' 14) rotate by -45 font ',9'
set ytics ('chainer' 1, 'torch7-seqlstm' 2, 'keras1.2' 3, 'tf1' 4, 'torch7-lstm' 5, 'tf0' 6, 'keras1.0' 7, 'flax' 8, 'keras2 = keras3' 9, 'pytorch' 10, 'theano-tutorial' 11, 'lasagne' 12, 'mxnet-gluon' 13, 'blocks' 14) font ',9'
set xrange [0.5:14.5]
set yrange [14.5:0.5]
set cbrange [-4:4]
set cbtics ('1e-4' -4, '0.01' -2, '0.05' -1.301, '1' 0, '0.05' 1.301, '0.01' 2, '1e-4' 4) font ',9'
set cblabel 'Holm p (blue: row worse, red: row better)'
set palette defined (-4 '#08306b', -2 '#4292c6', -1.301 '#c6dbef', -1.3 '#f0f0f0', 1.3 '#f0f0f0', 1.301 '#fcbba1', 2 '#ef3b2c', 4 '#67000d')
set size square
unset key
set tics nomirror
plot 'significance-adding.dat' using 1:2:3 with image, 'significance-adding.dat' using 1:2:4 with labels font ',9'
unset output
