# spectral radius per profile and gate at initialization
# Render with: gnuplot spectral-radius.gp   (writes spectral-radius.svg and spectral-radius.png)
set terminal svg size 800,500 dynamic enhanced font 'Helvetica,12'
set output 'spectral-radius.svg'
set title 'Spectral radius of the recurrent matrices at initialization (mean over runs)'
set ylabel 'spectral radius'
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set xtics rotate by -30
set yrange [0:*]
set grid ytics
set key outside right
plot 'spectral-radius.dat' using 2:xtic(1) title 'cell', '' using 3 title 'forget', '' using 4 title 'input', '' using 5 title 'output'
set terminal pngcairo size 800,500 enhanced font 'Helvetica,10'
set output 'spectral-radius.png'
set title 'Spectral radius of the recurrent matrices at initialization (mean over runs)'
set ylabel 'spectral radius'
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set xtics rotate by -30
set yrange [0:*]
set grid ytics
set key outside right
plot 'spectral-radius.dat' using 2:xtic(1) title 'cell', '' using 3 title 'forget', '' using 4 title 'input', '' using 5 title 'output'
unset output
