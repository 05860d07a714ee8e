# The HTTP API (kg serve). docker-compose.yml runs it with an Oxigraph server as the store.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /src
COPY . .
RUN pip install . && rm -rf /src

RUN useradd --create-home --uid 10001 kg
USER kg
WORKDIR /home/kg
# Without KG_STORE pointing at a SPARQL endpoint, an embedded store in the user's home is used.
ENV KG_STORE=/home/kg/store

EXPOSE 8000
CMD ["kg", "serve", "--host", "0.0.0.0", "--port", "8000"]
