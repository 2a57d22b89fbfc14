module github.com/gongwen/gongwen

go 1.25.0

require github.com/BurntSushi/toml v1.6.0
