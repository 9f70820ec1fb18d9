package main
import (
 _ "github.com/yuin/goldmark"
 _ "github.com/xeipuuv/gojsonschema"
 _ "github.com/stretchr/testify/assert"
 _ "golang.org/x/tools/txtar"
 _ "golang.org/x/sync/errgroup"
 _ "golang.org/x/time/rate"
 _ "gopkg.in/yaml.v3"
)
func main(){}
