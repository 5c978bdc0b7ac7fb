# adding: validation mse per epoch, mean +/- sd over seeds, per profile
# Render with: gnuplot curves-adding.gp   (writes curves-adding.svg and curves-adding.png)
set terminal svg size 800,500 dynamic enhanced font 'Helvetica,12'
set output 'curves-adding.svg'
set title 'adding: validation mse, mean +/- sd over seeds'
set xlabel 'epoch'
set xtics 1
set ylabel 'validation mse'
set key outside right samplen 3 spacing 0.9
set grid
unset logscale y
plot 'curves-adding.dat' index 0 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.12 lc rgb '#d6604d' notitle, \
     'curves-adding.dat' index 0 using 1:2 with linespoints lw 2 lc rgb '#d6604d' dt 4 pt 13 ps 0.6 title 'keras3', \
     'curves-adding.dat' index 1 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.12 lc rgb '#08519c' notitle, \
     'curves-adding.dat' index 1 using 1:2 with linespoints lw 2 lc rgb '#08519c' dt 1 pt 11 ps 0.6 title 'pytorch'
set terminal pngcairo size 800,500 enhanced font 'Helvetica,10'
set output 'curves-adding.png'
set title 'adding: validation mse, mean +/- sd over seeds'
set xlabel 'epoch'
set xtics 1
set ylabel 'validation mse'
set key outside right samplen 3 spacing 0.9
set grid
unset logscale y
plot 'curves-adding.dat' index 0 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.12 lc rgb '#d6604d' notitle, \
     'curves-adding.dat' index 0 using 1:2 with linespoints lw 2 lc rgb '#d6604d' dt 4 pt 13 ps 0.6 title 'keras3', \
     'curves-adding.dat' index 1 using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.12 lc rgb '#08519c' notitle, \
     'curves-adding.dat' index 1 using 1:2 with linespoints lw 2 lc rgb '#08519c' dt 1 pt 11 ps 0.6 title 'pytorch'
unset output
