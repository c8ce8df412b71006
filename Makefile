# stripe-fc: build, test, install. Honours PREFIX (default /usr/local) and DESTDIR (staged installs);
# BIN=path/to/stripe-fc installs an already built binary instead of building a release one.

PREFIX ?= /usr/local
DESTDIR ?=
SWIFT ?= swift
INSTALL ?= install
RELEASE_BIN := .build/release/stripe-fc
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
	$(SWIFT) build -c release --product stripe-fc

test:
	$(SWIFT) test

install: $(INSTALL_NEEDS)
	$(INSTALL) -d "$(bindir)" "$(man1dir)" "$(bashdir)" "$(zshdir)" "$(fishdir)"
	$(INSTALL) -m 755 "$(BIN)" "$(bindir)/stripe-fc"
	$(INSTALL) -m 644 man/stripe-fc.1 "$(man1dir)/stripe-fc.1"
	$(INSTALL) -m 644 completions/stripe-fc.bash "$(bashdir)/stripe-fc"
	$(INSTALL) -m 644 completions/_stripe-fc "$(zshdir)/_stripe-fc"
	$(INSTALL) -m 644 completions/stripe-fc.fish "$(fishdir)/stripe-fc.fish"

uninstall:
	rm -f "$(bindir)/stripe-fc" "$(man1dir)/stripe-fc.1" "$(bashdir)/stripe-fc" "$(zshdir)/_stripe-fc" "$(fishdir)/stripe-fc.fish"

# Rewrites completions/, man/stripe-fc.1 and docs/commands.md from the command tree (committed and
# drift-tested). The help snapshots are test fixtures: FC_RECORD=1 swift test --filter HelpTests.
generate:
	FC_RECORD=1 $(SWIFT) test --filter "CompletionTests|ManualTests|DocsTests"

lint-man:
	mandoc -Tlint man/stripe-fc.1
