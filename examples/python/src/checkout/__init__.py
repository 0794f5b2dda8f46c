"""checkout: prices a cart (subtotal, tax, shipping) over HTTP.

The example Python service of Switchback's examples/: a blue-green deployer can run it (PORT, /healthz,
/readyz, /metrics in the prometheus-client profile's names) and its release workflow tests it with
pytest and a coverage gate. Standard library only at runtime.
"""

__version__ = "1.0.0"
