// Package cfglogrus loads a command-line client's configuration and calls
// logrus in one place: its constructor's warnings on stderr are the
// client talking to its user (docker/cli's configfile), not log lines
// lost.
package cfglogrus

import (
	"fmt"
	"log"
	"net/http"
	"os"

	"github.com/sirupsen/logrus"
)

type Config struct {
	CredsStore string
}

// New warns its user that the environment's setting is unusable and falls
// back to the configured store.
func New(env string) *Config {
	if env != "" {
		fmt.Fprintf(os.Stderr, "WARNING: %s is not valid, using the configured store\n", env)
	}
	return &Config{}
}

// A constructor stops on a bad configuration: log.Fatal counts only where
// a logger does.
func MustNew(nodes []string) *Config {
	if len(nodes) == 0 {
		log.Fatalf("no nodes in %v", nodes)
	}
	return &Config{}
}

func (c *Config) Save() error {
	logrus.Infof("saving %s", c.CredsStore)
	return nil
}

// A client holding a logrus entry prints past it: reported wherever it
// prints.
type Client struct {
	log *logrus.Entry
}

func (c *Client) Pull(ref string) {
	fmt.Printf("pulling %s\n", ref) // want `fmt.Printf used as logging in a package that logs with logrus: use logrus instead`
	c.log.Warnf("pulled %s", ref)
}

// A handler in the same package serves requests: its print bypasses the
// logger the package calls.
type Handler struct{}

func (h Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	fmt.Printf("config requested by %s\n", r.RemoteAddr) // want `fmt.Printf used as logging in a package that logs with logrus: use logrus instead`
}
