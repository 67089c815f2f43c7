module example.com/examples/tools

go 1.25
