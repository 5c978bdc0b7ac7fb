# adding: solve rate per profile with 95% Wilson intervals
# Render with: gnuplot solved-adding.gp   (writes solved-adding.svg and solved-adding.png)
set terminal svg size 800,500 dynamic enhanced font 'Helvetica,12'
set output 'solved-adding.svg'
set title 'adding: share of seeds solved (95% Wilson interval)'
set ylabel 'solve rate'
set yrange [0:1.05]
set xrange [0.3:14.7]
set xtics rotate by -30 font ',9'
set style fill solid 0.6 border -1
set boxwidth 0.6
set grid ytics
unset key
plot 'solved-adding.dat' using 1:2:5:xtic(6) with boxes lc rgb variable, \
     'solved-adding.dat' using 1:2:3:4 with yerrorbars lc rgb 'black' pt 7 ps 0 lw 1.5
set terminal pngcairo size 800,500 enhanced font 'Helvetica,10'
set output 'solved-adding.png'
set title 'adding: share of seeds solved (95% Wilson interval)'
set ylabel 'solve rate'
set yrange [0:1.05]
set xrange [0.3:14.7]
set xtics rotate by -30 font ',9'
set style fill solid 0.6 border -1
set boxwidth 0.6
set grid ytics
unset key
plot 'solved-adding.dat' using 1:2:5:xtic(6) with boxes lc rgb variable, \
     'solved-adding.dat' using 1:2:3:4 with yerrorbars lc rgb 'black' pt 7 ps 0 lw 1.5
unset output
