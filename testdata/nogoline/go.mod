module example.com/main

go 1.24

require example.com/old v1.0.0
