/**
 * Image data in and out: MNIST and Fashion-MNIST idx files (fetched and verified), .npz/.npy arrays (read without
 * unpickling, layouts and value scales), class folders of pictures, resizing, the seeded train/validation split,
 * augmentation and the batch iterator. No model code here.
 */
package dev.latentlab.data;
