# digits: which profiles differ, by paired t-test over seeds (Holm); red = row better, blue = row worse, pale = not significant; stars mark Holm p < 0.05, 0.01, 0.001
# Render with: gnuplot significance-digits.gp   (writes significance-digits.svg and significance-digits.png)
set terminal svg size 820,760 dynamic enhanced font 'Helvetica,12'
set output 'significance-digits.svg'
set title 'digits: paired t-tests by seed, Holm-adjusted (row vs column)'
set xtics ('flax' 1, 'theano-tutorial' 2, 'lasagne' 3, 'torch7-lstm' 4, 'pytorch' 5, 'keras1.0' 6, 'keras1.2' 7, 'mxnet-gluon' 8, 'chainer' 9, 'torch7-seqlstm' 10, 'keras2 = keras3' 11, 'blocks' 12, 'tf0' 13, 'tf1' 14) rotate by -45 font ',9'
set ytics ('flax' 1, 'theano-tutorial' 2, 'lasagne' 3, 'torch7-lstm' 4, 'pytorch' 5, 'keras1.0' 6, 'keras1.2' 7, 'mxnet-gluon' 8, 'chainer' 9, 'torch7-seqlstm' 10, 'keras2 = keras3' 11, 'blocks' 12, 'tf0' 13, 'tf1' 14) font ',9'
set xrange [0.5:14.5]
set yrange [14.5:0.5]
set cbrange [-4:4]
set cbtics ('1e-4' -4, '0.01' -2, '0.05' -1.301, '1' 0, '0.05' 1.301, '0.01' 2, '1e-4' 4) font ',9'
set cblabel 'Holm p (blue: row worse, red: row better)'
set palette defined (-4 '#08306b', -2 '#4292c6', -1.301 '#c6dbef', -1.3 '#f0f0f0', 1.3 '#f0f0f0', 1.301 '#fcbba1', 2 '#ef3b2c', 4 '#67000d')
set size square
unset key
set tics nomirror
plot 'significance-digits.dat' using 1:2:3 with image, 'significance-digits.dat' using 1:2:4 with labels font ',9'
set terminal pngcairo size 820,760 enhanced font 'Helvetica,10'
set output 'significance-digits.png'
set title 'digits: paired t-tests by seed, Holm-adjusted (row vs column)'
set xtics ('flax' 1, 'theano-tutorial' 2, 'lasagne' 3, 'torch7-lstm' 4, 'pytorch' 5, 'keras1.0' 6, 'keras1.2' 7, 'mxnet-gluon' 8, 'chainer' 9, 'torch7-seqlstm' 10, 'keras2 = keras3' 11, 'blocks' 12, 'tf0' 13, 'tf1' 14) rotate by -45 font ',9'
set ytics ('flax' 1, 'theano-tutorial' 2, 'lasagne' 3, 'torch7-lstm' 4, 'pytorch' 5, 'keras1.0' 6, 'keras1.2' 7, 'mxnet-gluon' 8, 'chainer' 9, 'torch7-seqlstm' 10, 'keras2 = keras3' 11, 'blocks' 12, 'tf0' 13, 'tf1' 14) font ',9'
set xrange [0.5:14.5]
set yrange [14.5:0.5]
set cbrange [-4:4]
set cbtics ('1e-4' -4, '0.01' -2, '0.05' -1.301, '1' 0, '0.05' 1.301, '0.01' 2, '1e-4' 4) font ',9'
set cblabel 'Holm p (blue: row worse, red: row better)'
set palette defined (-4 '#08306b', -2 '#4292c6', -1.301 '#c6dbef', -1.3 '#f0f0f0', 1.3 '#f0f0f0', 1.301 '#fcbba1', 2 '#ef3b2c', 4 '#67000d')
set size square
unset key
set tics nomirror
plot 'significance-digits.dat' using 1:2:3 with image, 'significance-digits.dat' using 1:2:4 with labels font ',9'
unset output
