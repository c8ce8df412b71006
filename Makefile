# fc: build, test, install. Honours PREFIX (default /usr/local) and DESTDIR (staged installs);
# BIN=path/to/fc installs an already built binary instead of building a release one.

PREFIX ?= /usr/local
DESTDIR ?=
SWIFT ?= swift
INSTALL ?= install
RELEASE_BIN := .build/release/fc
BIN ?= $(RELEASE_BIN)

bindir := $(DESTDIR)$(PREFIX)/bin
man1dir := $(DESTDIR)$(PREFIX)/share/man/man1
bashdir := $(DESTDIR)$(PREFIX)/share/bash-completion/completions
zshdir := $(DESTDIR)$(PREFIX)/share/zsh/site-functions
fishdir := $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d

# Only the default binary is built here; a BIN given on the command line is used as it is.
ifeq ($(BIN),$(RELEASE_BIN))
INSTALL_NEEDS := build
endif

.PHONY: all build test install uninstall generate lint-man

all: build

build:
	$(SWIFT) build -c release

test:
	$(SWIFT) test

install: $(INSTALL_NEEDS)
	$(INSTALL) -d "$(bindir)" "$(man1dir)" "$(bashdir)" "$(zshdir)" "$(fishdir)"
	$(INSTALL) -m 755 "$(BIN)" "$(bindir)/fc"
	$(INSTALL) -m 644 man/fc.1 "$(man1dir)/fc.1"
	$(INSTALL) -m 644 completions/fc.bash "$(bashdir)/fc"
	$(INSTALL) -m 644 completions/_fc "$(zshdir)/_fc"
	$(INSTALL) -m 644 completions/fc.fish "$(fishdir)/fc.fish"

uninstall:
	rm -f "$(bindir)/fc" "$(man1dir)/fc.1" "$(bashdir)/fc" "$(zshdir)/_fc" "$(fishdir)/fc.fish"

# Rewrites completions/ and man/fc.1 from the command tree (they are committed and drift-tested).
generate:
	FC_RECORD=1 $(SWIFT) test --filter "CompletionTests|ManualTests"

lint-man:
	mandoc -Tlint man/fc.1
