# vowels: mean paired difference of each profile from the best (torch7-lstm), 95% t intervals
# Render with: gnuplot effects-vowels.gp   (writes effects-vowels.svg and effects-vowels.png)
set terminal svg size 800,500 dynamic enhanced font 'Helvetica,12'
set output 'effects-vowels.svg'
set title 'vowels: each profile minus torch7-lstm, paired by seed (95% t interval)'
set ylabel 'difference in test accuracy (percentage points)'
set xrange [0.3:13.7]
set xtics rotate by -30 font ',9'
set grid ytics
set key top left
plot 'effects-vowels.dat' using 1:2:3:4:5:xtic(6) with yerrorbars lc rgb variable pt 7 ps 1 lw 2 notitle, \
     0 with lines lc rgb 'black' notitle, 0 with lines dt 2 lc rgb '#777777' title 'rounding noise (±1.96σ√(2/n))', -0 with lines dt 2 lc rgb '#777777' notitle
set terminal pngcairo size 800,500 enhanced font 'Helvetica,10'
set output 'effects-vowels.png'
set title 'vowels: each profile minus torch7-lstm, paired by seed (95% t interval)'
set ylabel 'difference in test accuracy (percentage points)'
set xrange [0.3:13.7]
set xtics rotate by -30 font ',9'
set grid ytics
set key top left
plot 'effects-vowels.dat' using 1:2:3:4:5:xtic(6) with yerrorbars lc rgb variable pt 7 ps 1 lw 2 notitle, \
     0 with lines lc rgb 'black' notitle, 0 with lines dt 2 lc rgb '#777777' title 'rounding noise (±1.96σ√(2/n))', -0 with lines dt 2 lc rgb '#777777' notitle
unset output
