#!/usr/bin/env bash
# Generates the sample clip and its posters with ffmpeg (Debian's `apt-get install ffmpeg`):
#   public/_static/videos/sigla-jazz.mp4       6 s, 1280×720, H.264 Main, no sound, moov atom first (faststart)
#   content/images/sigla-jazz.jpg       the clip's poster, a frame at 2 s
#   content/images/sigla-jazz-spot.jpg  the poster of the sample embed, a recoloured frame at 4.4 s
# Usage: bash scripts/generate-video.sh [--force]
set -euo pipefail
cd "$(dirname "$0")/.."

clip=public/_static/videos/sigla-jazz.mp4
poster=content/images/sigla-jazz.jpg
spot=content/images/sigla-jazz-spot.jpg

if [ "${1:-}" != --force ] && [ -e "$clip" ] && [ -e "$poster" ] && [ -e "$spot" ]; then
  echo "$clip and its posters exist; --force regenerates them."
  exit 0
fi
command -v ffmpeg >/dev/null || { echo "ffmpeg is missing: apt-get install ffmpeg" >&2; exit 1; }

# Seven bars rising and falling from the bottom edge at their own pace, like an equaliser, over a drifting gradient.
colors=(0xf2f0eb 0xf28c28 0x3aa6a0 0xf2f0eb 0xf28c28 0x3aa6a0 0xf2f0eb)
inputs=()
graph="[0:v]format=yuv420p[b0]"
for i in "${!colors[@]}"; do
  inputs+=(-f lavfi -i "color=c=${colors[$i]}:s=70x720:r=25:d=6")
  graph+=";[b$i][$((i + 1)):v]overlay=x=$((280 + i * 110)):y='H-200-170*sin(2*PI*t*(0.9+$i*0.23)+$i)':eval=frame[b$((i + 1))]"
done
graph+=";[b${#colors[@]}]noise=alls=6:allf=t,format=yuv420p[clip]"

mkdir -p "$(dirname "$clip")" "$(dirname "$poster")"
# H.264 Main and yuv420p play everywhere (Safari, iOS, and Chromium built with proprietary codecs, as Debian's is).
ffmpeg -hide_banner -loglevel error -y \
  -f lavfi -i "gradients=s=1280x720:r=25:d=6:c0=0x1b2a6b:c1=0x0d0d0d:c2=0x3a1b5b:n=3:speed=0.015:type=radial" \
  "${inputs[@]}" -filter_complex "$graph" -map '[clip]' -t 6 \
  -c:v libx264 -profile:v main -preset slow -crf 27 -movflags +faststart -an "$clip"
ffmpeg -hide_banner -loglevel error -y -ss 2 -i "$clip" -frames:v 1 -q:v 3 "$poster"
ffmpeg -hide_banner -loglevel error -y -ss 4.4 -i "$clip" -frames:v 1 -vf hue=h=150 -q:v 3 "$spot"
ls -l "$clip" "$poster" "$spot"
