package main

import _ "example.com/old"

func main() {}
