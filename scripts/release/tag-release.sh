#!/usr/bin/env bash
# Tags a release of Switchback: the annotated tag vX.Y.Z on HEAD, and the major tag vX moved to it, so that
# service repositories calling the reusable workflow and the publish-build-event action at @vX get the
# release's compatible changes. Pushes both to origin. release.yml runs it; a person can too.
#
#   scripts/release/tag-release.sh X.Y.Z
#
# Refuses (exit 1, nothing pushed): a version that is not X.Y.Z, a version already tagged, and a version not
# newer than the latest release of its major (the major tag never moves backwards). A new major (v2.0.0)
# starts its own tag and leaves v1 where it is.
set -euo pipefail

version="${1:-}"
if ! [[ "$version" =~ ^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$ ]]; then
  echo "tag-release: the version must be X.Y.Z (e.g. 1.4.0), got '$version'" >&2
  exit 2
fi
major="v${BASH_REMATCH[1]}"
tag="v$version"

git fetch --quiet --tags --force origin
if git rev-parse -q --verify "refs/tags/$tag" >/dev/null; then
  echo "tag-release: $tag exists already, on $(git rev-parse --short "$tag^{commit}")" >&2
  exit 1
fi
latest="$(git tag --list "$major.*.*" --sort=-version:refname | head -n 1)"
if [ -n "$latest" ] && [ "$(printf '%s\n%s\n' "$latest" "$tag" | sort -V | tail -n 1)" != "$tag" ]; then
  echo "tag-release: $tag is not newer than $latest, the latest release of $major" >&2
  exit 1
fi

commit="$(git rev-parse HEAD)"
git tag --annotate "$tag" --message "Switchback $version" "$commit"
git tag --force --annotate "$major" --message "Switchback $major, at $version" "$commit"
git push --quiet origin "refs/tags/$tag"
git push --quiet --force origin "refs/tags/$major"
echo "tag-release: $tag and $major on ${commit:0:7}${latest:+ ($major was at $latest)}"
