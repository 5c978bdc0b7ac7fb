# adding: ablation walk pytorch → keras3, paired change per step
# Render with: gnuplot ablation-adding-1.gp   (writes ablation-adding-1.svg and ablation-adding-1.png)
set terminal svg size 800,500 dynamic enhanced font 'Helvetica,12'
set output 'ablation-adding-1.svg'
set title 'adding: ablation pytorch → keras3, change of the test metric per step (95% t interval)'
set ylabel 'paired change from the previous step'
set offsets 0, 0, graph 0.05, graph 0.05
set xrange [0.3:8.7]
set xtics rotate by -30 font ',9'
set style fill solid 0.6 border -1
set boxwidth 0.6
set grid ytics
unset key
plot 'ablation-adding-1.dat' using 1:2:5:xtic(6) with boxes lc rgb variable, \
     'ablation-adding-1.dat' using 1:2:3:4 with yerrorbars lc rgb 'black' pt 7 ps 0 lw 1.5, \
     0 with lines lc rgb 'black'
set terminal pngcairo size 800,500 enhanced font 'Helvetica,10'
set output 'ablation-adding-1.png'
set title 'adding: ablation pytorch → keras3, change of the test metric per step (95% t interval)'
set ylabel 'paired change from the previous step'
set offsets 0, 0, graph 0.05, graph 0.05
set xrange [0.3:8.7]
set xtics rotate by -30 font ',9'
set style fill solid 0.6 border -1
set boxwidth 0.6
set grid ytics
unset key
plot 'ablation-adding-1.dat' using 1:2:5:xtic(6) with boxes lc rgb variable, \
     'ablation-adding-1.dat' using 1:2:3:4 with yerrorbars lc rgb 'black' pt 7 ps 0 lw 1.5, \
     0 with lines lc rgb 'black'
unset output
