module spindle/bench

go 1.19
