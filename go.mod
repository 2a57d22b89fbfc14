module github.com/gongwen/gongwen

go 1.25.0

require (
	github.com/BurntSushi/toml v1.6.0 // indirect
	github.com/nguyenthenguyen/docx v0.0.0-20230621112118-9c8e795a11db // indirect
	github.com/phpdave11/gofpdi v1.0.14-0.20211212211723-1f10f9844311 // indirect
	github.com/pkg/errors v0.8.1 // indirect
	github.com/signintech/gopdf v0.33.0 // indirect
	golang.org/x/text v0.44.0 // indirect
)
