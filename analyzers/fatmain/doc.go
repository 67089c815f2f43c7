// Package fatmain defines an Analyzer that reports a main function that
// builds a whole service inline.
//
// # Analyzer fatmain
//
// fatmain: report a long main that wires up every dependency inline
//
// A main that reads the configuration, opens the database and the cache,
// registers every route and starts the server, hundreds of lines in one
// function, cannot be tested without a real database, and every new
// dependency makes it longer:
//
//	func main() {
//		viper.SetConfigFile("config.yaml")
//		viper.ReadInConfig()
//		db, err := sql.Open("mysql", viper.GetString("dsn"))
//		...
//		rdb := redis.NewClient(&redis.Options{Addr: viper.GetString("redis")})
//		...
//		r := gin.Default()
//		r.GET("/patients/:id", func(c *gin.Context) { ... })
//		... // 200 more lines
//		r.Run(":8080")
//	}
//
// fatmain reports:
//
//	main is 240 lines and builds configuration, a database client, a cache client and an HTTP server inline
//
// Give main four steps: load the configuration, build a service context
// that owns the clients, register the handlers, start:
//
//	func main() {
//		cfg := config.MustLoad("etc/service.yaml")
//		svc := svc.NewServiceContext(cfg)
//		server := rest.MustNewServer(cfg.RestConf)
//		handler.RegisterHandlers(server, svc)
//		server.Start()
//	}
//
// fatmain is a design check, off by default: run it with -fatmain, or
// with the whole design group, -design.
//
// # The rule
//
// A func main of package main is reported when its body is longer than
// -fatmain.lines lines and calls, directly or in function literals within
// it, the constructors of at least three kinds of infrastructure:
// configuration loading, a database client, a cache or queue client, and
// an HTTP or gRPC server or its routes. The kinds are recognised by the
// packages and functions that build them (database/sql, gorm, pgx, the
// mongo driver; go-redis, go-zero's redis, sarama, kafka-go, nats,
// amqp; viper, go-zero's conf, envconfig, koanf; net/http, gin, echo,
// fiber, chi, gorilla/mux, grpc, go-zero's rest and zrpc), by name, since
// these are the libraries' entry points. The related positions show the
// first call of each kind. The default of -fatmain.lines, 100, is longer
// than nine mains in ten: of 2,620 func main bodies in the module cache
// that built this corpus, the median is 14 lines, the 90th percentile 87
// and the 95th 125.
//
// # Limits
//
// A main that delegates to a command framework (cobra, urfave/cli,
// kingpin, kong, or one with the API of one, such as kingpin's fork fisk)
// is a CLI and is left alone, as are generated files. Examples,
// tests and tools are outside the default scope. Construction done in
// helpers that main calls is not counted: main is then already short.
//
// # Suppressing
//
// Add //trapvet:ignore fatmain <reason> on the reported line or the line
// above it.
package fatmain
