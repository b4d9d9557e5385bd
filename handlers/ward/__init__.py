"""The chat's ward: asked once when a reply depends on the place, remembered, changeable."""
