// Package zapcore stands for a package inside a structured logger: when
// its own output fails, printing is its last resort, not stray logging.
package zapcore

import (
	"fmt"
	"log"
	"os"
)

type WriteSyncer interface {
	Write([]byte) (int, error)
}

func Write(ws WriteSyncer, entry []byte) {
	if _, err := ws.Write(entry); err != nil {
		fmt.Fprintf(os.Stderr, "write error: %v\n", err)
		log.Println(string(entry))
	}
}
