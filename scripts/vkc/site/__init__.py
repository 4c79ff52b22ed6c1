"""The trilingual website: pure page generation, the mkdocs build layer and atomic publishing."""
