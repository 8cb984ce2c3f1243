#!/usr/bin/env bash
# Keeps the SQLite score history on a branch of its own (default mpg-history) that holds one file, history.db.
#   mpg-history.sh fetch [FILE]   copies the branch's history.db to FILE (default .mpg/history.db); none yet: no file
#   mpg-history.sh push  [FILE]   commits FILE as the branch's history.db and pushes it (run only from main's
#                                 workflow, under a concurrency group, so pushes never race)
# Works with any git remote (origin); the workflow's token needs contents: write for push.
set -euo pipefail
action=${1:?fetch or push}
file=${2:-.mpg/history.db}
branch=${MPG_HISTORY_BRANCH:-mpg-history}
remote=${MPG_HISTORY_REMOTE:-origin}

case "$action" in
fetch)
  mkdir -p "$(dirname "$file")"
  found=0
  git ls-remote --exit-code --heads "$remote" "$branch" >/dev/null || found=$?
  # 2: the remote answered and has no such branch; anything else non-zero: it did not answer, which must fail.
  if [ "$found" != 0 ] && [ "$found" != 2 ]; then echo "mpg-history: cannot reach $remote" >&2; exit "$found"; fi
  if [ "$found" = 0 ]; then
    # '+': the branch is force-pushed (one commit), so the fetch must accept a non-fast-forward update.
    git fetch --quiet --depth=1 "$remote" "+refs/heads/$branch:refs/remotes/$remote/$branch"
    git show "$remote/$branch:history.db" > "$file"
    echo "mpg-history: fetched $branch into $file"
  else
    echo "mpg-history: no branch $branch yet; the history starts empty"
  fi
  ;;
push)
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  # Checkpoint nothing here: mpg closes the database after each command, so the file is complete on its own.
  git init --quiet "$work"
  cp "$file" "$work/history.db"
  git -C "$work" add history.db
  git -C "$work" -c user.name="mpg" -c user.email="mpg@localhost" commit --quiet -m "mpg history: ${GITHUB_SHA:-update}"
  # One commit, force-pushed: the branch holds the latest file, not a growing pile of binary versions.
  git -C "$work" push --quiet --force "$(git remote get-url "$remote")" "HEAD:refs/heads/$branch"
  echo "mpg-history: pushed $file to $branch"
  ;;
*) echo "usage: $0 fetch|push [FILE]" >&2; exit 2 ;;
esac
