module example.com/handler120

go 1.20
