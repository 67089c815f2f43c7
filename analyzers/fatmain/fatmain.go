package fatmain

import (
	_ "embed"
	"flag"
	"fmt"
	"go/ast"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/trapvet/trapvet/internal/docs"
	"github.com/trapvet/trapvet/internal/knowledge"
	"github.com/trapvet/trapvet/internal/report"
	"github.com/trapvet/trapvet/internal/typematch"
)

//go:embed doc.go
var doc string

// Analyzer reports a long main that builds its infrastructure inline.
var Analyzer = &analysis.Analyzer{
	Name:  "fatmain",
	Doc:   docs.Extract(doc, "fatmain"),
	URL:   "https://github.com/trapvet/trapvet/blob/main/docs/fatmain.md",
	Run:   run,
	Flags: flags(),
}

// DefaultLines is the default of -fatmain.lines.
const DefaultLines = 100

func flags() flag.FlagSet {
	fs := flag.NewFlagSet("fatmain", flag.ExitOnError)
	fs.Int("lines", DefaultLines, "report a main longer than this many lines that builds three kinds of infrastructure")
	return *fs
}

// maxLines returns the -lines flag of the running analyzer.
func maxLines(a *analysis.Analyzer) int {
	if g, ok := a.Flags.Lookup("lines").Value.(flag.Getter); ok {
		if n, ok := g.Get().(int); ok {
			return n
		}
	}
	return DefaultLines
}

// A kind of infrastructure, in the order the message names them.
type kind int

const (
	config kind = iota
	database
	cacheOrQueue
	server
	numKinds
)

var kindNames = [numKinds]string{"configuration", "a database client", "a cache or queue client", "an HTTP or gRPC server"}

// builder names the entry points of a library that build one kind of
// infrastructure. Matched by package path (with or without a major
// version suffix) and function or method name: these are the libraries'
// documented constructors.
type builder struct {
	kind  kind
	path  string
	names []string // empty: any function of the package
}

var builders = []builder{
	{config, "github.com/spf13/viper", nil},
	{config, "github.com/zeromicro/go-zero/core/conf", []string{"MustLoad", "Load", "LoadConfig"}},
	{config, "github.com/kelseyhightower/envconfig", []string{"Process", "MustProcess"}},
	{config, "github.com/caarlos0/env", []string{"Parse", "ParseWithOptions"}},
	{config, "github.com/knadh/koanf", []string{"New", "Load"}},
	{config, "github.com/joho/godotenv", []string{"Load", "Overload"}},
	{config, "github.com/BurntSushi/toml", []string{"DecodeFile"}},
	{database, "database/sql", []string{"Open", "OpenDB"}},
	{database, "gorm.io/gorm", []string{"Open"}},
	{database, "github.com/jackc/pgx", []string{"Connect", "ConnectConfig"}},
	{database, "github.com/jackc/pgx/v5/pgxpool", []string{"New", "NewWithConfig"}},
	{database, "github.com/jackc/pgx/v4/pgxpool", []string{"Connect", "ConnectConfig"}},
	{database, "github.com/jmoiron/sqlx", []string{"Open", "Connect", "MustConnect", "MustOpen"}},
	{database, "go.mongodb.org/mongo-driver/mongo", []string{"Connect", "NewClient"}},
	{database, "go.mongodb.org/mongo-driver/v2/mongo", []string{"Connect"}},
	{database, "github.com/zeromicro/go-zero/core/stores/sqlx", []string{"NewMysql", "NewSqlConn"}},
	{cacheOrQueue, "github.com/redis/go-redis", []string{"NewClient", "NewClusterClient", "NewUniversalClient", "NewFailoverClient"}},
	{cacheOrQueue, "github.com/go-redis/redis", []string{"NewClient", "NewClusterClient", "NewUniversalClient", "NewFailoverClient"}},
	{cacheOrQueue, "github.com/zeromicro/go-zero/core/stores/redis", []string{"New", "MustNewRedis", "NewRedis"}},
	{cacheOrQueue, "github.com/IBM/sarama", []string{"NewClient", "NewSyncProducer", "NewAsyncProducer", "NewConsumer", "NewConsumerGroup"}},
	{cacheOrQueue, "github.com/Shopify/sarama", []string{"NewClient", "NewSyncProducer", "NewAsyncProducer", "NewConsumer", "NewConsumerGroup"}},
	{cacheOrQueue, "github.com/segmentio/kafka-go", []string{"NewReader", "NewWriter", "Dial", "DialLeader"}},
	{cacheOrQueue, "github.com/nats-io/nats.go", []string{"Connect"}},
	{cacheOrQueue, "github.com/rabbitmq/amqp091-go", []string{"Dial", "DialConfig", "DialTLS"}},
	{cacheOrQueue, "github.com/streadway/amqp", []string{"Dial", "DialConfig", "DialTLS"}},
	{cacheOrQueue, "github.com/bradfitz/gomemcache/memcache", []string{"New"}},
	{server, "net/http", []string{"ListenAndServe", "ListenAndServeTLS", "Handle", "HandleFunc", "NewServeMux", "Serve"}},
	{server, "github.com/gin-gonic/gin", []string{"Default", "New"}},
	{server, "github.com/labstack/echo", []string{"New"}},
	{server, "github.com/gofiber/fiber", []string{"New"}},
	{server, "github.com/go-chi/chi", []string{"NewRouter", "NewMux"}},
	{server, "github.com/gorilla/mux", []string{"NewRouter"}},
	{server, "google.golang.org/grpc", []string{"NewServer"}},
	{server, "github.com/zeromicro/go-zero/rest", []string{"MustNewServer", "NewServer"}},
	{server, "github.com/zeromicro/go-zero/zrpc", []string{"MustNewServer", "NewServer"}},
}

func run(pass *analysis.Pass) (any, error) {
	if pass.Pkg.Name() != "main" {
		return nil, nil
	}
	for _, f := range pass.Files {
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Name.Name != "main" || fn.Recv != nil || fn.Body == nil {
				continue
			}
			check(pass, fn)
		}
	}
	return nil, nil
}

func check(pass *analysis.Pass, fn *ast.FuncDecl) {
	lines := pass.Fset.Position(fn.Body.Rbrace).Line - pass.Fset.Position(fn.Body.Lbrace).Line - 1
	if lines <= maxLines(pass.Analyzer) {
		return
	}
	var first [numKinds]ast.Node
	cli := false
	ast.Inspect(fn.Body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		callee := typematch.Callee(pass.TypesInfo, call)
		if callee == nil || callee.Pkg() == nil {
			return true
		}
		path := callee.Pkg().Path()
		if knowledge.IsCLIFramework(callee.Pkg()) {
			cli = true
		}
		if k, ok := kindOf(path, callee.Name()); ok && first[k] == nil {
			first[k] = call
		}
		return true
	})
	var found []string
	var related []analysis.RelatedInformation
	for k, call := range first {
		if call != nil {
			found = append(found, kindNames[k])
			related = append(related, report.Related(call, "%s built here", kindNames[k])...)
		}
	}
	if cli || len(found) < 3 {
		return
	}
	report.New(pass).Report(analysis.Diagnostic{
		Pos:     fn.Name.Pos(),
		End:     fn.Name.End(),
		Message: fmt.Sprintf("main is %d lines and builds %s inline", lines, list(found)),
		Related: related,
	})
}

func kindOf(path, name string) (kind, bool) {
	for _, b := range builders {
		if !knowledge.InPackage(path, b.path) {
			continue
		}
		if len(b.names) == 0 {
			return b.kind, true
		}
		for _, n := range b.names {
			if n == name {
				return b.kind, true
			}
		}
	}
	return 0, false
}

// list joins items as prose: a, b and c.
func list(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}
