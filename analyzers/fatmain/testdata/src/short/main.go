package main

import (
	"database/sql"

	"github.com/gin-gonic/gin"
	"github.com/redis/go-redis/v9"
	"github.com/spf13/viper"
)

// main: builds everything, but in a few lines; nothing to split.
func main() {
	viper.SetConfigFile("config.yaml")
	db, _ := sql.Open("mysql", viper.GetString("dsn"))
	rdb := redis.NewClient(&redis.Options{})
	r := gin.Default()
	r.GET("/", func(c *gin.Context) { _, _ = db, rdb })
	r.Run(":8080")
}
