# adding: distribution of the test mse over seeds, per profile
# Render with: gnuplot final-adding.gp   (writes final-adding.svg and final-adding.png)
set terminal svg size 800,500 dynamic enhanced font 'Helvetica,12'
set output 'final-adding.svg'
set title 'adding: test mse per run (diverged runs excluded)'
set ylabel 'test mse'
set xtics ('keras3' 1, 'pytorch' 2) rotate by -30
set xrange [0.3:2.7]
set style fill solid 0.3 border -1
set boxwidth 0.5
set grid ytics
unset key
plot 'final-adding-box.dat' using 1:2:3:4:5:7 with candlesticks lc rgb variable whiskerbars, \
     'final-adding-box.dat' using 1:6:6:6:6 with candlesticks lt -1 lw 2, \
     'final-adding.dat' index 0 using (1):1 with points lc rgb '#d6604d' pt 13 ps 0.8, \
     'final-adding.dat' index 1 using (2):1 with points lc rgb '#08519c' pt 11 ps 0.8
set terminal pngcairo size 800,500 enhanced font 'Helvetica,10'
set output 'final-adding.png'
set title 'adding: test mse per run (diverged runs excluded)'
set ylabel 'test mse'
set xtics ('keras3' 1, 'pytorch' 2) rotate by -30
set xrange [0.3:2.7]
set style fill solid 0.3 border -1
set boxwidth 0.5
set grid ytics
unset key
plot 'final-adding-box.dat' using 1:2:3:4:5:7 with candlesticks lc rgb variable whiskerbars, \
     'final-adding-box.dat' using 1:6:6:6:6 with candlesticks lt -1 lw 2, \
     'final-adding.dat' index 0 using (1):1 with points lc rgb '#d6604d' pt 13 ps 0.8, \
     'final-adding.dat' index 1 using (2):1 with points lc rgb '#08519c' pt 11 ps 0.8
unset output
