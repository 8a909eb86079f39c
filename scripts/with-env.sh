#!/usr/bin/env bash
# Run a command with the variables from ./.env (if the file exists) exported.
# Variables already set in the environment win over the file.
set -euo pipefail

if [ -f .env ]; then
    while IFS= read -r line || [ -n "$line" ]; do
        line=${line%$'\r'}
        case "$line" in '' | '#'*) continue ;; esac
        name=${line%%=*}
        value=${line#*=}
        name=${name#export }
        name=${name//[[:space:]]/}
        # Strip one pair of surrounding quotes.
        if [[ $value =~ ^\"(.*)\"$ || $value =~ ^\'(.*)\'$ ]]; then
            value=${BASH_REMATCH[1]}
        fi
        if [ -z "${!name+x}" ]; then
            export "$name=$value"
        fi
    done < .env
fi
exec "$@"
